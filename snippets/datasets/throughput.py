"""Samples per second: per-sample PIL transforms against batching tensors held in memory (chapter: Dataset and DataLoader)."""
import torch
from torch.utils.data import DataLoader
from torchvision import datasets
from torchvision.transforms import v2

from torchsteps.vision import mnist_root

# --8<-- [start:imports]
import statistics
import time

from torchsteps.datasets import load_mnist
# --8<-- [end:imports]

images, _ = load_mnist("train")  # on the page, mean and std come from the loader's pass over the training split
mean, std = images.mean().item(), images.std().item()  # the same statistics, computed, never typed
transform = v2.Compose([v2.ToImage(), v2.ToDtype(torch.float32, scale=True), v2.Normalize((mean,), (std,))])
train_set = datasets.MNIST(mnist_root(), train=True, download=False, transform=transform)

# --8<-- [start:settings]
batch_size = 64
seconds = 1.0  # how long to measure each way
# --8<-- [end:settings]


# --8<-- [start:measure]
def samples_per_second(make_epoch) -> float:
    """Time every batch for about `seconds`; the median ignores moments when the machine was busy elsewhere."""
    times, start = [], time.perf_counter()
    while time.perf_counter() - start < seconds:
        tick = time.perf_counter()
        for X_batch, y_batch in make_epoch():
            now = time.perf_counter()
            times.append(now - tick)  # the time it took to produce this batch
            tick = now
            if now - start > seconds:
                break
    return batch_size / statistics.median(times)


def in_memory_epoch():
    perm = torch.randperm(len(X_train), generator=generator)  # a new shuffle every epoch
    for idx in perm.split(batch_size):  # (batch_size,) row numbers each
        yield X_train[idx], y_train[idx]  # one indexing call per batch, no per-sample Python


generator = torch.Generator().manual_seed(0)
train_loader = DataLoader(train_set, batch_size=batch_size, shuffle=True, generator=generator)
X_train, y_train = load_mnist("train")  # (8000, 1, 28, 28), (8000,): the same images, already tensors
X_train = (X_train - mean) / std  # normalised once, not once per epoch
threads = torch.get_num_threads()
torch.set_num_threads(1)  # both on one core: compare the work, not how many cores happen to be free
pipeline = samples_per_second(lambda: train_loader)
in_memory = samples_per_second(in_memory_epoch)
torch.set_num_threads(threads)
print("| loading | samples/s |\n| --- | ---: |")
print(f"| torchvision MNIST + transforms + DataLoader | {pipeline:,.0f} |")
print(f"| in-memory tensors, batched by index | {in_memory:,.0f} |")
print(f"\nIn this build, batching in-memory tensors was {in_memory / pipeline:.0f} times as fast.")
# --8<-- [end:measure]
