"""Where tensors live, how runs are seeded, and what machine a build ran on."""
from __future__ import annotations

import os
import platform
import random

import torch


def device() -> torch.device:
    """The best device here: CUDA, then Apple's MPS, then the CPU (chapter: Tensors)."""
    if torch.cuda.is_available():
        return torch.device("cuda")
    if torch.backends.mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")


def manual_seed(seed: int = 0) -> torch.Generator:
    """Seed Python, NumPy (if installed) and torch on every device; return a seeded generator (chapter: Tensors).

    Pass the generator to ``DataLoader(generator=...)`` or ``random_split`` so
    that shuffles repeat too.
    """
    if not isinstance(seed, int) or seed < 0:
        raise ValueError(f"seed={seed!r} must be a non-negative int")
    random.seed(seed)
    os.environ["PYTHONHASHSEED"] = str(seed)
    try:
        import numpy

        numpy.random.seed(seed)
    except ImportError:
        pass
    torch.manual_seed(seed)  # also seeds every CUDA device
    return torch.Generator().manual_seed(seed)


def build_info() -> dict[str, str]:
    """The torch version and device that produced a page's output (chapter: Tensors)."""
    if torch.cuda.is_available():
        name = f"CUDA: {torch.cuda.get_device_name(0)}"
    elif torch.backends.mps.is_available():
        name = "Apple MPS"
    else:
        threads = torch.get_num_threads()
        name = f"CPU ({platform.machine()}, {threads} thread{'s' if threads != 1 else ''})"
    return {"torch": torch.__version__.split("+")[0], "device": name, "python": platform.python_version()}
