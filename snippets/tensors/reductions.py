"""Reductions along a dim, with and without keepdim (chapter: Tensors)."""
import torch

# --8<-- [start:reduce]
A = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])  # (2, 3)
for dim in (0, 1):
    for keepdim in (False, True):
        total = A.sum(dim=dim, keepdim=keepdim)
        print(f"dim={dim} keepdim={keepdim!s:5}  shape={tuple(total.shape)}  {total.tolist()}")
# --8<-- [end:reduce]

# --8<-- [start:keepdim_use]
row_share = A / A.sum(dim=1, keepdim=True)  # (2, 3) / (2, 1): each row sums to 1
print(row_share)
print(row_share.sum(dim=1))
values, indices = A.max(dim=1)  # max along a dim returns both
print(values, indices)
# --8<-- [end:keepdim_use]
