"""What the 1x1 reductions save in GoogLeNet's block 3a (chapter: Wider and deeper: Inception and residual blocks)."""
import torch
from torch import nn

from torchsteps.blocks import InceptionBlock

block = InceptionBlock(192, c1=64, c3_reduce=96, c3=128, c5_reduce=16, c5=32, pool_proj=32)


# --8<-- [start:count]
def conv_weights(module: nn.Module) -> int:
    """Weights of the convolutions only: the batch norms add 2 numbers per channel."""
    return sum(m.weight.numel() for m in module.modules() if isinstance(m, nn.Conv2d))


# the same branches without the 1x1 reductions; the pool branch passes all 192 channels on
naive = {
    "1x1": nn.Conv2d(192, 64, 1, bias=False),
    "3x3": nn.Conv2d(192, 128, 3, padding=1, bias=False),
    "5x5": nn.Conv2d(192, 32, 5, padding=2, bias=False),
    "pool": nn.MaxPool2d(3, stride=1, padding=1),
}
x = torch.randn(1, 192, 8, 8)  # (B, C, H, W): a small input, only to read off the channels
naive_channels = {name: branch(x).shape[1] for name, branch in naive.items()}
reduced_channels = {name: branch(x).shape[1] for name, branch in block.branches.items()}
print("| branch | weights without 1×1 reductions | weights with them "
      "| channels out: without | with |")
print("| --- | ---: | ---: | ---: | ---: |")
for name, branch in block.branches.items():
    print(f"| {name} | {conv_weights(naive[name]):,} | {conv_weights(branch):,} "
          f"| {naive_channels[name]} | {reduced_channels[name]} |")
total_naive = sum(conv_weights(m) for m in naive.values())
total = conv_weights(block)
print(f"| **block** | **{total_naive:,}** | **{total:,}** "
      f"| **{sum(naive_channels.values())}** | **{block.out_channels}** |")
print(f"\n{total_naive / total:.2f} times fewer weights; multiply-adds per 28 × 28 image: "
      f"{total_naive * 28 * 28 / 1e6:.1f} million without the reductions, "
      f"{total * 28 * 28 / 1e6:.1f} million with them.")
# --8<-- [end:count]
