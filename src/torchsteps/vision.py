"""Bundled MNIST laid out for the real ``torchvision.datasets.MNIST``, offline."""
from __future__ import annotations

import os
from pathlib import Path

import torch

from torchsteps.datasets import mnist_split_indices, parse_idx, read_bytes


def _idx_bytes(tensor: torch.Tensor) -> bytes:
    """Encode a uint8 tensor in the IDX format that torchvision reads."""
    header = bytes([0, 0, 0x08, tensor.ndim]) + b"".join(size.to_bytes(4, "big") for size in tensor.shape)
    return header + tensor.contiguous().numpy().tobytes()


def _write_if_changed(path: Path, data: bytes) -> None:
    if path.is_file() and path.read_bytes() == data:
        return
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)  # atomic: a reader never sees half a file


def mnist_root(cache_dir: str | Path | None = None) -> Path:
    """Return a folder that ``torchvision.datasets.MNIST(root, download=False)`` reads (chapter: Dataset and DataLoader).

    ``MNIST(root, train=False)`` gives the official 10,000 test images, unchanged.
    ``MNIST(root, train=True)`` gives the course's 8,000-image training split of
    that same file (the 60k training file is not shipped). The course's 2,000
    test images are ``Subset(MNIST(root, train=False), mnist_split_indices("test"))``.

    The folder defaults to ``$TORCHSTEPS_CACHE`` or ``~/.cache/torchsteps``.
    """
    if cache_dir is None:
        cache_dir = os.environ.get("TORCHSTEPS_CACHE") or Path.home() / ".cache" / "torchsteps"
    root = Path(cache_dir)
    raw = root / "MNIST" / "raw"
    try:
        raw.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OSError(f"cannot create {raw} for MNIST ({error}); pass cache_dir= a writable folder or set TORCHSTEPS_CACHE") from error
    images = read_bytes("t10k-images-idx3-ubyte.gz")
    labels = read_bytes("t10k-labels-idx1-ubyte.gz")
    train = mnist_split_indices("train")
    files = {
        "t10k-images-idx3-ubyte": images,
        "t10k-labels-idx1-ubyte": labels,
        "train-images-idx3-ubyte": _idx_bytes(parse_idx(images, "t10k-images-idx3-ubyte.gz")[train]),
        "train-labels-idx1-ubyte": _idx_bytes(parse_idx(labels, "t10k-labels-idx1-ubyte.gz")[train]),
    }
    for name, data in files.items():
        _write_if_changed(raw / name, data)
    return root
