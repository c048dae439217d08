"""A custom Dataset for the diabetes table, and the TensorDataset that does the same (chapter: Dataset and DataLoader)."""
# --8<-- [start:imports]
import torch
from torch.utils.data import Dataset, TensorDataset

from torchsteps.datasets import load_diabetes
# --8<-- [end:imports]


# --8<-- [start:dataset]
class DiabetesDataset(Dataset):
    """Pima diabetes: item i is (8 features, 1 label)."""

    def __init__(self, split: str = "train"):
        self.X, self.y = load_diabetes(split)  # (N, 8), (N, 1): loaded once, kept in memory

    def __len__(self) -> int:
        return len(self.X)

    def __getitem__(self, i: int) -> tuple[torch.Tensor, torch.Tensor]:
        return self.X[i], self.y[i]  # (8,), (1,)


dataset = DiabetesDataset("train")
features, label = dataset[0]
print(len(dataset), features.shape, features.dtype, label.shape, label.dtype)
print(features, label)
# --8<-- [end:dataset]

# --8<-- [start:tensor_dataset]
X, y = load_diabetes("train")  # (607, 8), (607, 1)
same = TensorDataset(X, y)  # item i is (X[i], y[i]): every tensor indexed along dim 0
print(len(same), all(torch.equal(a, b) for a, b in zip(same[5], dataset[5])))
# --8<-- [end:tensor_dataset]
