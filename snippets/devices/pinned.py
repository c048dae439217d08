"""Pinned memory and non_blocking copies on a machine without a GPU (chapter: Device-agnostic code)."""
import torch

# --8<-- [start:cpu]
batch = torch.randn(64, 1, 28, 28)  # (64, 1, 28, 28) in ordinary, pageable memory
moved = batch.to("cpu", non_blocking=True)  # already on the CPU: no copy at all
print("pinned:", batch.is_pinned(), "| non_blocking .to('cpu') returned the same tensor:", moved is batch)
# --8<-- [end:cpu]
