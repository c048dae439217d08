"""Broadcasting: how tensors of different shapes combine (chapter: Tensors)."""
import torch

# --8<-- [start:broadcast]
X = torch.arange(6.0).view(3, 2)  # (3, 2): 3 samples, 2 features
mean = X.mean(dim=0)  # (2,): one mean per feature
centred = X - mean  # (3, 2) - (2,) -> (3, 2): the row is reused for every sample
print(mean, centred, sep="\n")
# --8<-- [end:broadcast]

# --8<-- [start:outer]
col = torch.tensor([[1.0], [2.0], [3.0]])  # (3, 1)
row = torch.tensor([10.0, 20.0])  # (2,) is treated as (1, 2)
print((col * row).shape)  # (3, 1) with (1, 2) -> (3, 2)
print(col * row)
try:
    torch.ones(3, 2) + torch.ones(3)  # trailing sizes 2 and 3 differ, neither is 1
except RuntimeError as error:
    print("cannot broadcast:", error)
# --8<-- [end:outer]
