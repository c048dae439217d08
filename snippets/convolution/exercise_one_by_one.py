"""Exercise: a 1x1 convolution is a Linear layer applied to the channels of every pixel (chapter: Convolution from the ground up)."""
import torch
from torch import nn

# --8<-- [start:solution]
torch.manual_seed(0)
X = torch.randn(2, 6, 5, 5)  # (B, C_in, H, W)
conv1x1 = nn.Conv2d(6, 4, kernel_size=1)  # weight (4, 6, 1, 1)
linear = nn.Linear(6, 4)
with torch.no_grad():
    linear.weight.copy_(conv1x1.weight[:, :, 0, 0])  # (4, 6): the same numbers, without the 1x1 axes
    linear.bias.copy_(conv1x1.bias)
    Y_conv = conv1x1(X)  # (2, 4, 5, 5)
    # Linear acts on the last axis: move the channels there, and back afterwards
    Y_linear = linear(X.permute(0, 2, 3, 1)).permute(0, 3, 1, 2)  # (2, 5, 5, 6) -> (2, 5, 5, 4) -> (2, 4, 5, 5)
print(tuple(Y_conv.shape), torch.allclose(Y_conv, Y_linear, atol=1e-6))
print("parameters:", sum(p.numel() for p in conv1x1.parameters()), "and", sum(p.numel() for p in linear.parameters()))
# --8<-- [end:solution]
