"""Exercise: three Linear layers with no activation between them are one Linear layer (chapter: MLPs, activations and initialisation)."""
import torch
from torch import nn

# --8<-- [start:solution]
torch.manual_seed(0)
stack = nn.Sequential(nn.Linear(784, 128), nn.Linear(128, 64), nn.Linear(64, 10))  # no activations
W1, W2, W3 = (layer.weight.detach() for layer in stack)  # (128, 784), (64, 128), (10, 64)
b1, b2, b3 = (layer.bias.detach() for layer in stack)
single = nn.Linear(784, 10)
with torch.no_grad():
    single.weight.copy_(W3 @ W2 @ W1)  # (10, 784)
    single.bias.copy_(W3 @ (W2 @ b1 + b2) + b3)  # (10,)
inputs = torch.randn(32, 784)  # (32, 784)
torch.testing.assert_close(stack(inputs), single(inputs))  # raises if they differ
print("three layers:", sum(p.numel() for p in stack.parameters()), "parameters;",
      "one layer:", sum(p.numel() for p in single.parameters()), "parameters; same outputs")
# --8<-- [end:solution]
