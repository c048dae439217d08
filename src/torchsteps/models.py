"""Models that more than one chapter trains."""
from __future__ import annotations

# --8<-- [start:imports]
from collections.abc import Callable, Sequence

import torch
from torch import nn
# --8<-- [end:imports]


# --8<-- [start:mlp]
class MLP(nn.Module):
    """A multilayer perceptron for MNIST-sized images, returning logits (chapter: Softmax classification).

    ``sizes`` lists the width of every layer from input to output; the default
    784-520-320-240-120-10 has four hidden layers. Each hidden layer is a
    ``Linear`` followed by ``activation()``; the output layer has no activation,
    because ``nn.CrossEntropyLoss`` wants logits. Input of shape (N, 1, 28, 28)
    (or any (N, ...) with 784 numbers per sample) is flattened to (N, 784) first.
    """

    def __init__(self, sizes: Sequence[int] = (784, 520, 320, 240, 120, 10), activation: Callable[[], nn.Module] = nn.ReLU):
        super().__init__()
        sizes = tuple(sizes)
        if len(sizes) < 2 or any(not isinstance(n, int) or n < 1 for n in sizes):
            raise ValueError(f"sizes={sizes!r} must list at least two positive ints: the input and output widths")
        self.sizes = sizes
        self.flatten = nn.Flatten()  # (N, 1, 28, 28) -> (N, 784); (N, 784) stays as it is
        layers: list[nn.Module] = []
        for n_in, n_out in zip(sizes[:-1], sizes[1:]):
            layers += [nn.Linear(n_in, n_out), activation()]
        self.layers = nn.Sequential(*layers[:-1])  # drop the last activation: the output is logits

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.flatten(x)  # (N, sizes[0])
        if x.shape[1] != self.sizes[0]:
            raise ValueError(f"MLP expects {self.sizes[0]} numbers per sample, got input of shape {tuple(x.shape)}")
        return self.layers(x)  # (N, sizes[-1]) logits
# --8<-- [end:mlp]
