"""Two linear layers with no activation between them are one linear layer (chapter: Multiple inputs, wide and deep)."""
import torch
from torch import nn

from torchsteps.datasets import load_diabetes

X, y = load_diabetes("train")  # X (607, 8), y (607, 1)

# --8<-- [start:collapse]
torch.manual_seed(0)
first, second = nn.Linear(8, 6), nn.Linear(6, 1)
stack = nn.Sequential(first, second)  # no activation in between
combined = nn.Linear(8, 1)
with torch.no_grad():
    # x W1^T + b1, then (.) W2^T + b2  =  x (W2 W1)^T + (W2 b1 + b2)
    combined.weight.copy_(second.weight @ first.weight)  # (1, 6) @ (6, 8) -> (1, 8)
    combined.bias.copy_(second.weight @ first.bias + second.bias)  # (1, 6) @ (6,) + (1,) -> (1,)
    gap = (stack(X) - combined(X)).abs().max().item()
print(combined.weight.shape, combined.bias.shape)
print("max abs difference between the stack and one layer:", gap)
# --8<-- [end:collapse]
