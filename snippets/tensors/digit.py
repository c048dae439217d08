"""An image is a tensor: look at one MNIST digit as numbers and as a picture (chapter: Tensors)."""
# --8<-- [start:imports]
import torch

from torchsteps.datasets import load_mnist
from torchsteps.plotting import figure, svg
# --8<-- [end:imports]

# --8<-- [start:load]
X, y = load_mnist("train")  # X (8000, 1, 28, 28) float32 in [0, 1], y (8000,) int64
image = X[0, 0]  # (28, 28): first image, its only channel
print(X.shape, X.dtype, y.shape, y.dtype)
print("label:", y[0].item(), " brightest pixel:", image.max().item())
print((image[10:16, 10:16] * 9).round().int())  # a 6x6 patch, scaled to 0..9
# --8<-- [end:load]

# --8<-- [start:plot]
fig, (left, right) = figure(ncols=2, width=6.4, height=3.0)
left.imshow(image.numpy(), cmap="gray_r")  # matplotlib takes NumPy arrays
left.set_title(f"X[0, 0], label {y[0].item()}")
right.bar(range(10), torch.bincount(y, minlength=10).numpy())  # images per class
right.set_title("images per digit in the training split")
right.set_xticks(range(10))
print(svg(fig, alt="Left: the first training digit. Right: a bar chart of how many training images each digit has, all close to 800."))
# --8<-- [end:plot]
