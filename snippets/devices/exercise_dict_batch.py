"""Exercise: a dataset whose samples are dicts, moved by DeviceDataLoader (chapter: Device-agnostic code)."""
import torch

from torchsteps.accel import DeviceDataLoader


# --8<-- [start:solution]
from torch.utils.data import DataLoader, Dataset


class Digits(Dataset):
    """Ten random 'images' with labels, each sample a dict."""

    def __init__(self):
        g = torch.Generator().manual_seed(0)
        self.X, self.y = torch.rand(10, 1, 28, 28, generator=g), torch.arange(10)  # (10, 1, 28, 28), (10,)

    def __len__(self) -> int:
        return len(self.y)

    def __getitem__(self, i: int) -> dict:
        return {"image": self.X[i], "label": self.y[i]}


loader = DataLoader(Digits(), batch_size=4)  # the default collate stacks each key: a dict of batches
batch = next(iter(DeviceDataLoader(loader, "meta")))  # "meta" stands in for the GPU on every build
print({key: (tuple(value.shape), value.device.type) for key, value in batch.items()})
print("batches:", len(DeviceDataLoader(loader, "meta")))
# --8<-- [end:solution]
