"""Split a dataset reproducibly with random_split, and pick rows with Subset (chapter: Dataset and DataLoader)."""
import torch
from torch.utils.data import TensorDataset

from torchsteps.datasets import load_diabetes

dataset = TensorDataset(*load_diabetes("train"))  # 607 rows

# --8<-- [start:imports]
from torch.utils.data import Subset, random_split
# --8<-- [end:imports]

# --8<-- [start:random_split]
train_set, val_set = random_split(dataset, [0.8, 0.2], generator=torch.Generator().manual_seed(0))
print(len(train_set), len(val_set), type(train_set).__name__)
print("first validation rows:", val_set.indices[:6])

again, _ = random_split(dataset, [0.8, 0.2], generator=torch.Generator().manual_seed(0))
other, _ = random_split(dataset, [0.8, 0.2], generator=torch.Generator().manual_seed(1))
print("same seed, same split:", again.indices == train_set.indices)
print("seed 1, same split:   ", other.indices == train_set.indices)
# --8<-- [end:random_split]

# --8<-- [start:subset]
first_hundred = Subset(dataset, range(100))  # any list of row numbers
print(len(first_hundred), torch.equal(first_hundred[7][0], dataset[7][0]))
row = val_set.indices[0]
print(f"val_set[0] is row {row} of the full dataset:", torch.equal(val_set[0][0], dataset[row][0]))
# --8<-- [end:subset]
