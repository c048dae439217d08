"""Index and slice tensors, with masks and index lists (chapter: Tensors)."""
import torch

# --8<-- [start:index]
m = torch.arange(12).view(3, 4)  # (3, 4)
print(m)
print(m[1])  # row 1, shape (4,)
print(m[:, 2])  # column 2, shape (3,)
print(m[1, 2].item())  # one element as a Python number
print(m[-1, ::2])  # last row, every second column
# --8<-- [end:index]

# --8<-- [start:mask]
mask = m % 2 == 0  # (3, 4) of bool
print(m[mask])  # (6,): a boolean mask flattens what it keeps
print(m[[0, 2]])  # rows 0 and 2, shape (2, 4); a list index copies
m[:, 0] = -1  # assignment through a slice writes into m
print(m)
# --8<-- [end:mask]
