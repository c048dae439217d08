"""The real torchvision MNIST over the bundled files: transforms and normalisation (chapter: Dataset and DataLoader)."""
# --8<-- [start:imports]
import torch
from torch.utils.data import DataLoader, Subset
from torchvision import datasets
from torchvision.transforms import v2

from torchsteps.datasets import mnist_split_indices
from torchsteps.plotting import figure, svg
from torchsteps.vision import mnist_root
# --8<-- [end:imports]

# --8<-- [start:official]
root = mnist_root()  # a folder laid out as torchvision expects, written from the bundled files
to_tensor = v2.Compose([v2.ToImage(), v2.ToDtype(torch.float32, scale=True)])  # bytes 0..255 -> floats in [0, 1]
official = datasets.MNIST(root, train=False, download=False, transform=to_tensor)
image, label = official[0]  # a PIL image became a (1, 28, 28) float32 image tensor
print(len(official), image.shape, image.dtype, type(label).__name__, label)
print(f"pixel range [{image.min().item()}, {image.max().item()}]")
# --8<-- [end:official]

# --8<-- [start:stats]
train_raw = datasets.MNIST(root, train=True, download=False, transform=to_tensor)
total, total_sq, count = 0.0, 0.0, 0
for X_batch, _ in DataLoader(train_raw, batch_size=1000):  # (1000, 1, 28, 28); works however large the set
    total += X_batch.sum().item()
    total_sq += X_batch.pow(2).sum().item()
    count += X_batch.numel()
mean = total / count
std = (total_sq / count - mean**2) ** 0.5  # Var[x] = E[x^2] - E[x]^2
print(f"{len(train_raw)} training images: mean {mean:.4f}, std {std:.4f} (the 60,000-image set: 0.1307, 0.3081)")
# --8<-- [end:stats]

# --8<-- [start:normalize]
transform = v2.Compose([to_tensor, v2.Normalize((mean,), (std,))])  # one value per channel
train_set = datasets.MNIST(root, train=True, download=False, transform=transform)
test_set = Subset(datasets.MNIST(root, train=False, download=False, transform=transform), mnist_split_indices("test"))
print(len(train_set), len(test_set))
X_all, y_all = next(iter(DataLoader(train_set, batch_size=len(train_set))))  # (8000, 1, 28, 28), (8000,)
print(f"after Normalize: mean {X_all.mean().item():.1e}, std {X_all.std().item():.3f}, labels {y_all.dtype}")
# --8<-- [end:normalize]

# --8<-- [start:plot]
train_loader = DataLoader(train_set, batch_size=16, shuffle=True, generator=torch.Generator().manual_seed(0))
X_batch, y_batch = next(iter(train_loader))  # (16, 1, 28, 28), (16,)
fig, axes = figure(ncols=8, nrows=2, width=6.4, height=2.1)
for ax, image, label in zip(axes.flat, X_batch, y_batch):
    ax.imshow(image[0].numpy(), cmap="gray_r")  # normalised values; imshow rescales them for display
    ax.set_title(f"label {label.item()}", fontsize=8)
    ax.axis("off")
print(svg(fig, alt="The first shuffled training batch: 16 handwritten digits, each titled with its label."))
# --8<-- [end:plot]
