"""The shapes inside the small Inception net and the small residual net (chapter: Wider and deeper: Inception and residual blocks)."""
import torch
from torch import nn

# --8<-- [start:imports]
from torchsteps.blocks import SmallInceptionNet, SmallResNet
# --8<-- [end:imports]

# --8<-- [start:shapes]
torch.manual_seed(0)
x = torch.randn(2, 1, 28, 28)  # (B, C, H, W): two MNIST-sized images
for net in (SmallInceptionNet(), SmallResNet()):
    print(type(net).__name__)
    h = x
    for layer in [*net.features, *net.classifier]:
        h = layer(h)
        if not isinstance(layer, (nn.BatchNorm2d, nn.ReLU)):  # they keep the shape
            print(f"    {type(layer).__name__:16} -> {tuple(h.shape)}")
# --8<-- [end:shapes]
