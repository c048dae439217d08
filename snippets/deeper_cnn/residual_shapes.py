"""Residual blocks with an identity and a projection shortcut (chapter: Wider and deeper: Inception and residual blocks)."""
import torch
from torch import nn

from torchsteps.blocks import ResidualBlock

# --8<-- [start:shapes]
torch.manual_seed(0)
x = torch.relu(torch.randn(2, 16, 12, 12))  # (B, C, H, W), non-negative like the output of a ReLU
same = ResidualBlock(16, 16)  # shapes match: the shortcut is the identity
down = ResidualBlock(16, 32, stride=2)  # 16 -> 32 channels, 12 -> 6 positions: a 1x1 projection
for name, block in {"ResidualBlock(16, 16)": same, "ResidualBlock(16, 32, stride=2)": down}.items():
    shortcut = block.shortcut[0] if isinstance(block.shortcut, nn.Sequential) else block.shortcut
    parameters = sum(p.numel() for p in block.parameters())
    print(f"{name}: {tuple(x.shape)} -> {tuple(block(x).shape)}, {parameters:,} parameters")
    print(f"    shortcut: {shortcut}")
# --8<-- [end:shapes]

# --8<-- [start:identity]
nn.init.zeros_(same.residual[-1].weight)  # scale of the last batch norm = 0, so F(x) = 0
print("F(x) = 0 makes the block the identity:", torch.equal(same(x), x))
# --8<-- [end:identity]
