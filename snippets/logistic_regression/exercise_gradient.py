"""Exercise: the gradient of BCE with logits is sigmoid(z) - y (chapter: Logistic regression)."""
import torch
from torch import nn

# --8<-- [start:solution]
torch.manual_seed(0)
z = torch.randn(8, requires_grad=True)  # (8,) logits
y = torch.randint(0, 2, (8,)).float()  # (8,) labels
loss = nn.BCEWithLogitsLoss(reduction="sum")(z, y)  # sum, so each z_i gets its own loss's gradient
loss.backward()
by_hand = torch.sigmoid(z.detach()) - y  # d loss_i / d z_i = sigma(z_i) - y_i
print(z.grad)
print(by_hand)
print("max abs difference:", (z.grad - by_hand).abs().max().item())
torch.testing.assert_close(z.grad, by_hand)
# --8<-- [end:solution]
