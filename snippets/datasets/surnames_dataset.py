"""A Dataset of surnames: each item is a different length (chapter: Dataset and DataLoader)."""
# --8<-- [start:imports]
import torch
from torch.utils.data import DataLoader, Dataset

from torchsteps.datasets import load_surnames
from torchsteps.text import SURNAMES, decode, encode
# --8<-- [end:imports]


# --8<-- [start:dataset]
class SurnamesDataset(Dataset):
    """Item i is (character codes of name i, its language as an int64 scalar)."""

    def __init__(self, split: str = "train"):
        self.names, self.y, self.languages = load_surnames(split)  # list[str], (N,) int64, 18 names

    def __len__(self) -> int:
        return len(self.names)

    def __getitem__(self, i: int) -> tuple[torch.Tensor, torch.Tensor]:
        return encode(self.names[i]), self.y[i]  # (len(name),) int64, () int64


surnames = SurnamesDataset("train")
print(len(surnames), len(surnames.languages), "languages,", len(SURNAMES), "character codes (0 is padding)")
for i in (0, 2, 4000):
    codes, label = surnames[i]
    print(f"{decode(codes):>14} {surnames.languages[label]:>8}  codes {tuple(codes.shape)} {codes.dtype}: {codes.tolist()}")
# --8<-- [end:dataset]

# --8<-- [start:default_collate]
loader = DataLoader(surnames, batch_size=4)
try:
    next(iter(loader))
except RuntimeError as error:  # the default collate_fn stacks items, and stacking needs equal shapes
    print("RuntimeError:", str(error).splitlines()[0])
# --8<-- [end:default_collate]
