"""Train mode and eval mode: dropout behaves differently, and inference_mode records no graph (chapter: The training loop done right)."""
import torch
from torch import nn

# --8<-- [start:dropout]
torch.manual_seed(0)
dropout = nn.Dropout(p=0.5)
h = torch.ones(8)  # (8,) activations of some hidden layer
dropout.train()
print("train mode:", dropout(h))  # about half zeroed, the rest scaled by 1 / (1 - p) = 2
print("train mode:", dropout(h))  # a new random mask on every call
dropout.eval()
print("eval mode: ", dropout(h))  # the identity
# --8<-- [end:dropout]

# --8<-- [start:model_modes]
torch.manual_seed(0)
net = nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Dropout(p=0.5), nn.Linear(16, 3))
inputs = torch.randn(5, 4)  # (5, 4)
net.train()
print("train mode, same input twice, same output:", torch.equal(net(inputs), net(inputs)))
net.eval()  # switches every submodule: net[2].training is now False too
print("eval mode,  same input twice, same output:", torch.equal(net(inputs), net(inputs)), net[2].training)
# --8<-- [end:model_modes]

# --8<-- [start:inference]
y_hat = net(inputs)
print("normal:         requires_grad", y_hat.requires_grad, " grad_fn", type(y_hat.grad_fn).__name__)
with torch.inference_mode():
    y_hat = net(inputs)
print("inference_mode: requires_grad", y_hat.requires_grad, " grad_fn", y_hat.grad_fn, " inference tensor", y_hat.is_inference())
# --8<-- [end:inference]
