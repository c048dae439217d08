"""Exercise: the average image of each digit, with one boolean mask per class (chapter: Tensors)."""
import torch

from torchsteps.datasets import load_mnist

# --8<-- [start:solution]
X, y = load_mnist("train")  # X (8000, 1, 28, 28), y (8000,)
means = torch.stack([X[y == digit].mean(dim=0) for digit in range(10)])  # (10, 1, 28, 28)
ink = means.sum(dim=(1, 2, 3))  # (10,): total brightness of each average digit
print(means.shape)
print("least ink:", ink.argmin().item(), " most ink:", ink.argmax().item())
# --8<-- [end:solution]
