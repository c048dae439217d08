"""Convolutional networks for MNIST and the preprocessing they share (chapter: A CNN on MNIST).

``ClassicCNN`` is the small net of PyTorchZeroToAll; ``CNN`` adds batch norm and
wider layers, and with ``one_cycle`` (AdamW and OneCycleLR) passes 98% test
accuracy on the course's 2,000 test digits after one epoch. Both take
(B, 1, 28, 28) images and return (B, 10) logits. ``mnist_tensors`` and
``mnist_loaders`` give the 8,000/2,000 split, normalised with the training statistics.
"""
from __future__ import annotations

import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from torchsteps.datasets import load_mnist


# --8<-- [start:classic]
class ClassicCNN(nn.Module):
    """PyTorchZeroToAll's CNN: two 5x5 convolutions, max-pooling, fc 320 -> 10 (chapter: A CNN on MNIST)."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 10, kernel_size=5)
        self.conv2 = nn.Conv2d(10, 20, kernel_size=5)
        self.pool = nn.MaxPool2d(2)
        self.fc = nn.Linear(320, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if x.ndim != 4 or x.shape[1:] != (1, 28, 28):
            raise ValueError(f"ClassicCNN wants (B, 1, 28, 28), got {tuple(x.shape)}: try X.unsqueeze(1)")
        x = torch.relu(self.pool(self.conv1(x)))  # (B, 10, 24, 24) -> (B, 10, 12, 12)
        x = torch.relu(self.pool(self.conv2(x)))  # (B, 20, 8, 8) -> (B, 20, 4, 4)
        x = torch.flatten(x, 1)  # (B, 320): keep the batch dim, flatten the rest
        return self.fc(x)  # (B, 10) logits
# --8<-- [end:classic]


# --8<-- [start:cnn]
class CNN(nn.Module):
    """The improved net: (conv, max-pool, batch norm, ReLU) twice, then fc (chapter: A CNN on MNIST).

    ``channels`` gives the widths of the two convolutions; ``(10, 20)`` is the
    classic net with batch norm added.
    """

    def __init__(self, channels: tuple[int, int] = (16, 32)):
        super().__init__()
        if len(channels) != 2 or not all(isinstance(c, int) and c >= 1 for c in channels):
            raise ValueError(f"channels={channels!r} must be two positive ints, e.g. (16, 32)")
        c1, c2 = channels
        self.features = nn.Sequential(
            nn.Conv2d(1, c1, kernel_size=5, bias=False),  # the batch norm's beta is the bias
            nn.MaxPool2d(2),
            nn.BatchNorm2d(c1),
            nn.ReLU(),
            nn.Conv2d(c1, c2, kernel_size=5, bias=False),
            nn.MaxPool2d(2),
            nn.BatchNorm2d(c2),
            nn.ReLU(),
        )
        self.classifier = nn.Sequential(nn.Flatten(), nn.Linear(c2 * 4 * 4, 10))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if x.ndim != 4 or x.shape[1:] != (1, 28, 28):
            raise ValueError(f"CNN wants (B, 1, 28, 28), got {tuple(x.shape)}: try X.unsqueeze(1)")
        x = self.features(x)  # (B, c2, 4, 4)
        return self.classifier(x)  # (B, c2 * 16) -> (B, 10) logits
# --8<-- [end:cnn]


# --8<-- [start:one_cycle]
def one_cycle(optimizer, max_lr: float, total_steps: int) -> torch.optim.lr_scheduler.OneCycleLR:
    """Attach a OneCycleLR that steps after every ``optimizer.step()`` (chapter: A CNN on MNIST).

    ``fit`` calls only ``optimizer.step()``; the hook moves the learning rate
    along the cycle after each of those calls. ``total_steps`` is
    ``num_epochs * len(train_loader)``.
    """
    if isinstance(total_steps, bool) or not isinstance(total_steps, int) or total_steps < 1:
        raise ValueError(f"total_steps={total_steps!r} must be an int >= 1: num_epochs * len(loader)")
    scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=max_lr, total_steps=total_steps)
    optimizer.register_step_post_hook(lambda opt, args, kwargs: scheduler.step())
    return scheduler
# --8<-- [end:one_cycle]


def mnist_tensors(normalize: bool = True) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]:
    """``X_train, y_train, X_test, y_test`` of the 8,000/2,000 MNIST split (chapter: A CNN on MNIST).

    Images are (N, 1, 28, 28) float32. With ``normalize`` (the default) both
    splits are standardised with the training split's mean and std; without,
    the pixels stay in [0, 1].
    """
    X_train, y_train = load_mnist("train")
    X_test, y_test = load_mnist("test")
    if normalize:
        mean, std = X_train.mean(), X_train.std()  # from the training split only: the test set stays unseen
        X_train, X_test = (X_train - mean) / std, (X_test - mean) / std
    return X_train, y_train, X_test, y_test


def mnist_loaders(batch_size: int = 64, seed: int = 0, normalize: bool = True,
                  train_size: int | None = None) -> tuple[DataLoader, DataLoader]:
    """``train_loader, test_loader`` over ``mnist_tensors(normalize)`` (chapter: A CNN on MNIST).

    The training loader shuffles with a generator seeded by ``seed``, so two
    runs see the same batches; the test loader keeps the order, 1,000 images a batch.
    ``train_size`` keeps only the first that many training images (chapter: Inception
    and residual blocks); the normalisation statistics still come from all of them.
    """
    if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
        raise ValueError(f"batch_size={batch_size!r} must be an int >= 1")
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise ValueError(f"seed={seed!r} must be a non-negative int")
    X_train, y_train, X_test, y_test = mnist_tensors(normalize)
    if train_size is not None:
        if isinstance(train_size, bool) or not isinstance(train_size, int) or not 1 <= train_size <= len(X_train):
            raise ValueError(f"train_size={train_size!r} must be an int from 1 to {len(X_train)}, or None for all")
        X_train, y_train = X_train[:train_size], y_train[:train_size]
    generator = torch.Generator().manual_seed(seed)
    train_loader = DataLoader(TensorDataset(X_train, y_train), batch_size=batch_size, shuffle=True, generator=generator)
    test_loader = DataLoader(TensorDataset(X_test, y_test), batch_size=1000)
    return train_loader, test_loader
