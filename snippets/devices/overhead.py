"""What the DeviceDataLoader wrapper costs per batch (chapter: Device-agnostic code)."""
import time

import torch
from torch.utils.data import DataLoader, TensorDataset

from torchsteps.accel import DeviceDataLoader, pick_device
from torchsteps.cnn import mnist_tensors

# On its own, this file builds the loader of loader.py (without its training); on the page it is already there.
device = pick_device()
X_train, y_train, X_test, y_test = mnist_tensors()
dataset = TensorDataset(X_train[:2048], y_train[:2048])


def make_loader() -> DataLoader:
    return DataLoader(dataset, batch_size=64, shuffle=True, pin_memory=device.type == "cuda", generator=torch.Generator().manual_seed(0))


# --8<-- [start:overhead]
def seconds_per_batch(batches, repeats: int = 5) -> float:
    """The fastest of `repeats` passes over the batches, per batch: the minimum is the least disturbed."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        for X, y in batches:
            pass
        best = min(best, time.perf_counter() - start)
    return best / len(batches)


loader = make_loader()
plain = seconds_per_batch(loader)
wrapped = seconds_per_batch(DeviceDataLoader(loader, device))
print(f"per batch: plain loader {plain * 1e6:.0f} µs, wrapped {wrapped * 1e6:.0f} µs, "
      f"difference {(wrapped - plain) * 1e6:+.1f} µs")
# --8<-- [end:overhead]
