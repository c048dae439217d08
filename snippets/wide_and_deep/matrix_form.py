"""The matrix form of logistic regression, with every shape checked (chapter: Multiple inputs, wide and deep)."""
import torch
from torch import nn

from torchsteps.datasets import load_diabetes

X, y = load_diabetes("train")  # X (607, 8), y (607, 1)

# --8<-- [start:by_hand]
torch.manual_seed(0)
W = torch.randn(8, 1) * 0.1  # (8, 1): one weight per feature
b = torch.zeros(1)  # (1,): one bias, broadcast to every row
z = X @ W + b  # (607, 8) @ (8, 1) -> (607, 1), + (1,) -> (607, 1)
y_hat = torch.sigmoid(z)  # (607, 1): one probability per patient
print(X.shape, "@", W.shape, "+", b.shape, "->", z.shape)
print(y_hat[:3].squeeze(1))
# --8<-- [end:by_hand]

# --8<-- [start:linear]
layer = nn.Linear(8, 1)  # holds weight (1, 8) = W transposed, and bias (1,)
print(layer.weight.shape, layer.bias.shape)
with torch.no_grad():
    layer.weight.copy_(W.T)  # load our W to compare the two
    layer.bias.copy_(b)
    same = torch.sigmoid(layer(X))  # nn.Linear computes X @ weight.T + bias
print("max abs difference:", (same - y_hat).abs().max().item())
# --8<-- [end:linear]
