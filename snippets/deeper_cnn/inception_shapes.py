"""An Inception block's branches and their channels, with GoogLeNet's block 3a (chapter: Wider and deeper: Inception and residual blocks)."""
# --8<-- [start:imports]
import torch
from torch import nn
# --8<-- [end:imports]

from torchsteps.blocks import InceptionBlock

# --8<-- [start:shapes]
torch.manual_seed(0)
# GoogLeNet's block 3a: 192 channels in, 28 x 28 positions
block = InceptionBlock(192, c1=64, c3_reduce=96, c3=128, c5_reduce=16, c5=32, pool_proj=32)
x = torch.randn(2, 192, 28, 28)  # (B, C, H, W)
outputs = {name: branch(x) for name, branch in block.branches.items()}
for name, out in outputs.items():
    print(f"branch {name:4}: {tuple(out.shape)}")  # (B, C_branch, 28, 28): H and W kept by padding
y = torch.cat(list(outputs.values()), dim=1)  # stack the branches along the channels
sizes = " + ".join(str(out.shape[1]) for out in outputs.values())
print(f"torch.cat on dim 1: {tuple(y.shape)}, channels {sizes} = {y.shape[1]}")
print("the block's forward gives the same:", torch.equal(block(x), y))
# --8<-- [end:shapes]
