"""Exercise: fit y = 2 x1 - 3 x2 + 1 with nn.Linear(2, 1) (chapter: Linear regression the PyTorch way)."""
import torch
from torch import nn

# --8<-- [start:solution]
torch.manual_seed(0)
X2 = torch.rand(64, 2) * 2 - 1  # (64, 2): two features per row
y2 = X2 @ torch.tensor([[2.0], [-3.0]]) + 1.0 + 0.3 * torch.randn(64, 1)  # (64, 1)

model2 = nn.Linear(2, 1)  # weight (1, 2), bias (1,)
optimizer = torch.optim.SGD(model2.parameters(), lr=0.1)
loss_fn = nn.MSELoss()
for epoch in range(500):
    loss = loss_fn(model2(X2), y2)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
print("weight:", model2.weight.detach(), " bias:", model2.bias.detach())
print(f"final loss: {loss.item():.4f}")
# --8<-- [end:solution]
