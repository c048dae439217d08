"""Inception and residual blocks, and two small MNIST nets built from them
(chapter: Wider and deeper: Inception and residual blocks).

``InceptionBlock`` runs 1x1, 3x3, 5x5 and pooling branches side by side and
concatenates them on the channel dimension; ``ResidualBlock`` adds its input
back to the output of two convolutions. ``SmallInceptionNet`` and
``SmallResNet`` start with the first block of ``torchsteps.cnn.CNN`` and, like it,
take (B, 1, 28, 28) images and return (B, 10) logits, so that the three nets can be
trained and compared the same way.
"""
from __future__ import annotations

import torch
from torch import nn


# --8<-- [start:helpers]
def _check_channels(**channels) -> None:
    """Raise a ValueError naming the first argument that is not a positive int."""
    for name, value in channels.items():
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(f"{name}={value!r} must be a positive int (channels >= 1)")


def _check_input(x: torch.Tensor, in_channels: int, name: str) -> None:
    if not isinstance(x, torch.Tensor) or x.ndim != 4 or x.shape[1] != in_channels:
        shape = tuple(x.shape) if isinstance(x, torch.Tensor) else type(x).__name__
        raise ValueError(f"{name} expects input of shape (B, {in_channels}, H, W), got {shape}")


def conv_bn_relu(in_channels: int, out_channels: int, kernel_size: int, stride: int = 1):
    """Convolution, batch norm, ReLU, padded so that stride 1 keeps H and W
    (chapter: Wider and deeper: Inception and residual blocks)."""
    _check_channels(in_channels=in_channels, out_channels=out_channels)
    odd = isinstance(kernel_size, int) and not isinstance(kernel_size, bool) and kernel_size % 2 == 1
    if not odd or kernel_size < 1:
        raise ValueError(f"kernel_size={kernel_size!r} must be an odd positive int, so padding k // 2 keeps H, W")
    return nn.Sequential(
        nn.Conv2d(in_channels, out_channels, kernel_size, stride, padding=kernel_size // 2, bias=False),
        nn.BatchNorm2d(out_channels),  # its shift plays the role of the convolution's bias
        nn.ReLU(),
    )
# --8<-- [end:helpers]


# --8<-- [start:inception]
class InceptionBlock(nn.Module):
    """Four parallel branches, concatenated on channels
    (chapter: Wider and deeper: Inception and residual blocks).

    (B, in_channels, H, W) -> (B, c1 + c3 + c5 + pool_proj, H, W). The 3x3 and
    5x5 branches first reduce the channels to ``c3_reduce`` and ``c5_reduce``
    with a 1x1 convolution, as GoogLeNet does; every convolution is followed
    by batch norm and ReLU, as in torchvision's GoogLeNet.
    """

    def __init__(self, in_channels: int, c1: int, c3_reduce: int, c3: int,
                 c5_reduce: int, c5: int, pool_proj: int):
        super().__init__()
        _check_channels(in_channels=in_channels, c1=c1, c3_reduce=c3_reduce, c3=c3,
                        c5_reduce=c5_reduce, c5=c5, pool_proj=pool_proj)
        self.in_channels, self.out_channels = in_channels, c1 + c3 + c5 + pool_proj
        self.branches = nn.ModuleDict({
            "1x1": conv_bn_relu(in_channels, c1, 1),
            "3x3": nn.Sequential(conv_bn_relu(in_channels, c3_reduce, 1),  # the 1x1 reduction
                                 conv_bn_relu(c3_reduce, c3, 3)),
            "5x5": nn.Sequential(conv_bn_relu(in_channels, c5_reduce, 1),  # the 1x1 reduction
                                 conv_bn_relu(c5_reduce, c5, 5)),
            "pool": nn.Sequential(nn.MaxPool2d(3, stride=1, padding=1),  # keeps all channels
                                  conv_bn_relu(in_channels, pool_proj, 1)),  # so project them
        })

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        _check_input(x, self.in_channels, "InceptionBlock")
        # every branch keeps H and W, so the outputs stack along dim 1, the channels
        outputs = [branch(x) for branch in self.branches.values()]
        return torch.cat(outputs, dim=1)  # (B, out_channels, H, W)
# --8<-- [end:inception]


# --8<-- [start:residual]
class ResidualBlock(nn.Module):
    """y = relu(F(x) + shortcut(x)) with F = conv-BN-ReLU-conv-BN
    (chapter: Wider and deeper: Inception and residual blocks).

    (B, in_channels, H, W) -> (B, out_channels, H / stride, W / stride). The
    shortcut is the identity when the shapes match, and otherwise a 1x1
    convolution with the same stride (a projection) followed by batch norm.
    """

    def __init__(self, in_channels: int, out_channels: int, stride: int = 1):
        super().__init__()
        _check_channels(in_channels=in_channels, out_channels=out_channels)
        if isinstance(stride, bool) or stride not in (1, 2):
            raise ValueError(f"stride={stride!r} must be 1 (keep H and W) or 2 (halve them)")
        self.in_channels = in_channels
        self.residual = nn.Sequential(  # F(x)
            conv_bn_relu(in_channels, out_channels, 3, stride),
            nn.Conv2d(out_channels, out_channels, 3, padding=1, bias=False),
            nn.BatchNorm2d(out_channels),  # no ReLU here: it comes after the addition
        )
        self.shortcut = nn.Identity()
        if stride != 1 or in_channels != out_channels:  # x and F(x) differ in shape: project x
            self.shortcut = nn.Sequential(
                nn.Conv2d(in_channels, out_channels, 1, stride=stride, bias=False),
                nn.BatchNorm2d(out_channels),
            )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        _check_input(x, self.in_channels, "ResidualBlock")
        return torch.relu(self.residual(x) + self.shortcut(x))  # (B, out_channels, H/s, W/s)
# --8<-- [end:residual]


def _stem() -> list[nn.Module]:
    """The first block of ``torchsteps.cnn.CNN``, so the nets differ only after it: (B, 1, 28, 28) -> (B, 16, 12, 12)."""
    return [nn.Conv2d(1, 16, kernel_size=5, bias=False), nn.MaxPool2d(2), nn.BatchNorm2d(16), nn.ReLU()]


class SmallInceptionNet(nn.Module):
    """The CNN's first block, then two Inception blocks (chapter: Wider and deeper: Inception and residual blocks).

    Shapes: (B, 1, 28, 28) -> stem (B, 16, 12, 12) -> inception (B, 32, 12, 12) -> pool (B, 32, 6, 6)
    -> inception (B, 64, 6, 6) -> pool (B, 64, 3, 3) -> flatten (B, 576) -> fc (B, 10) logits.
    """

    def __init__(self, num_classes: int = 10):
        super().__init__()
        _check_channels(num_classes=num_classes)
        self.features = nn.Sequential(
            *_stem(),  # (B, 16, 12, 12)
            InceptionBlock(16, c1=8, c3_reduce=12, c3=16, c5_reduce=4, c5=4, pool_proj=4),  # (B, 32, 12, 12)
            nn.MaxPool2d(2),  # (B, 32, 6, 6)
            InceptionBlock(32, c1=16, c3_reduce=16, c3=24, c5_reduce=8, c5=12, pool_proj=12),  # (B, 64, 6, 6)
            nn.MaxPool2d(2),  # (B, 64, 3, 3)
        )
        self.classifier = nn.Sequential(nn.Flatten(), nn.Linear(64 * 3 * 3, num_classes))  # (B, 576) -> (B, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        _check_input(x, 1, "SmallInceptionNet")
        return self.classifier(self.features(x))  # (B, num_classes) logits


class SmallResNet(nn.Module):
    """The CNN's first block, then two residual blocks (chapter: Wider and deeper: Inception and residual blocks).

    Shapes: (B, 1, 28, 28) -> stem (B, 16, 12, 12) -> residual (B, 16, 12, 12)
    -> residual with projection, stride 2 (B, 32, 6, 6) -> pool (B, 32, 3, 3) -> flatten (B, 288) -> fc (B, 10) logits.
    """

    def __init__(self, num_classes: int = 10):
        super().__init__()
        _check_channels(num_classes=num_classes)
        self.features = nn.Sequential(
            *_stem(),  # (B, 16, 12, 12)
            ResidualBlock(16, 16),  # identity shortcut: (B, 16, 12, 12)
            ResidualBlock(16, 32, stride=2),  # projection shortcut: (B, 32, 6, 6)
            nn.MaxPool2d(2),  # (B, 32, 3, 3)
        )
        self.classifier = nn.Sequential(nn.Flatten(), nn.Linear(32 * 3 * 3, num_classes))  # (B, 288) -> (B, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        _check_input(x, 1, "SmallResNet")
        return self.classifier(self.features(x))  # (B, num_classes) logits
