"""A collate_fn that pads surnames of different lengths into one batch (chapter: Dataset and DataLoader)."""
import torch
from torch.utils.data import DataLoader, Dataset

from torchsteps.datasets import load_surnames
from torchsteps.text import decode, encode


class SurnamesDataset(Dataset):
    def __init__(self, split: str = "train"):
        self.names, self.y, self.languages = load_surnames(split)

    def __len__(self) -> int:
        return len(self.names)

    def __getitem__(self, i: int) -> tuple[torch.Tensor, torch.Tensor]:
        return encode(self.names[i]), self.y[i]


surnames = SurnamesDataset("train")

# --8<-- [start:imports]
from torch.nn.utils.rnn import pad_sequence

from torchsteps.text import PAD_INDEX
# --8<-- [end:imports]


# --8<-- [start:collate]
def pad_collate(batch: list[tuple[torch.Tensor, torch.Tensor]]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Turn a list of (codes, label) items into (padded codes, lengths, labels)."""
    codes, labels = zip(*batch)  # B tensors of different lengths, B scalars
    lengths = torch.tensor([len(c) for c in codes])  # (B,)
    padded = pad_sequence(codes, batch_first=True, padding_value=PAD_INDEX)  # (B, longest)
    return padded, lengths, torch.stack(labels)  # (B, longest), (B,), (B,)


loader = DataLoader(surnames, batch_size=4, shuffle=True, generator=torch.Generator().manual_seed(0), collate_fn=pad_collate)
padded, lengths, y_batch = next(iter(loader))
print(padded.shape, lengths, y_batch)
print(padded)
for row, n in zip(padded, lengths):
    print(f"{decode(row):>12} ({n} characters, {len(row) - n} padding)")
# --8<-- [end:collate]
