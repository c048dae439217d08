"""Exercise: a 1x1 convolution is a linear layer applied at every position (chapter: Wider and deeper: Inception and residual blocks)."""
import torch
from torch import nn

# --8<-- [start:solution]
torch.manual_seed(0)
conv = nn.Conv2d(192, 16, kernel_size=1)  # the 1x1 reduction of the 5x5 branch in block 3a
linear = nn.Linear(192, 16)
with torch.no_grad():
    linear.weight.copy_(conv.weight.flatten(1))  # (16, 192, 1, 1) -> (16, 192)
    linear.bias.copy_(conv.bias)
x = torch.randn(2, 192, 28, 28)  # (B, C, H, W)
per_position = linear(x.permute(0, 2, 3, 1)).permute(0, 3, 1, 2)  # (B, H, W, C) -> Linear on C -> (B, 16, H, W)
torch.testing.assert_close(conv(x), per_position)
print("1x1 conv == Linear(192, 16) at each of the", 28 * 28, "positions:", tuple(conv(x).shape))
print("weights:", conv.weight.numel(), "=", conv.in_channels, "x", conv.out_channels)
# --8<-- [end:solution]
