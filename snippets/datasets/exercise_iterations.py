"""Exercise: iterations per epoch for the surnames training set (chapter: Dataset and DataLoader)."""
import math

import torch
from torch.utils.data import DataLoader, TensorDataset

from torchsteps.datasets import load_surnames

# --8<-- [start:solution]
N = len(load_surnames("train").names)  # 13,374 names
batch_size = 64
full, rest = divmod(N, batch_size)
print(f"{N} = {full} * {batch_size} + {rest}")
print("iterations:", math.ceil(N / batch_size), " with drop_last:", N // batch_size)
rows = TensorDataset(torch.arange(N))  # only the count matters to the loader's length
print(len(DataLoader(rows, batch_size=batch_size)), len(DataLoader(rows, batch_size=batch_size, drop_last=True)))
# --8<-- [end:solution]
