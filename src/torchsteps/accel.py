"""Code that runs on any device, and timers that tell the truth about it.

``pick_device``, ``to_device`` and ``DeviceDataLoader`` come from "Device-agnostic
code"; ``synchronize``, ``all_cores`` and ``training_throughput`` from "Timing
honestly", which "Mixed precision" reuses with ``dtype=``.
"""
from __future__ import annotations

import contextlib
import os
import time
import torch
from torch import nn


# --8<-- [start:pick_device]
def pick_device() -> torch.device:
    """The accelerator this machine has (CUDA, MPS, XPU, ...), else the CPU (chapter: Device-agnostic code).

    Uses ``torch.accelerator`` (torch 2.6 and later); older torch has no such
    module, so then CUDA, Apple's MPS and Intel's XPU are asked in turn.
    """
    if hasattr(torch, "accelerator"):
        if torch.accelerator.is_available():  # a device of the build's accelerator type is present at run time
            return torch.accelerator.current_accelerator()
        return torch.device("cpu")
    if torch.cuda.is_available():
        return torch.device("cuda")
    if torch.backends.mps.is_available():
        return torch.device("mps")
    if hasattr(torch, "xpu") and torch.xpu.is_available():
        return torch.device("xpu")
    return torch.device("cpu")
# --8<-- [end:pick_device]


# --8<-- [start:to_device]
def _as_device(device, name: str = "device") -> torch.device:
    if isinstance(device, torch.device):
        return device
    if not isinstance(device, str):
        raise TypeError(f"{name} must be a torch.device or a string such as 'cpu' or 'cuda', got {type(device).__name__}")
    try:
        return torch.device(device)
    except RuntimeError as error:
        raise ValueError(f"{name}={device!r} is not a device: use 'cpu', 'cuda', 'cuda:1', 'mps' or pick_device()") from error


def to_device(batch, device, non_blocking: bool = False):
    """``batch`` with every tensor moved to ``device``: a tensor, or tuples, lists and dicts of them (chapter: Device-agnostic code).

    ``non_blocking=True`` lets a copy from pinned CPU memory overlap with work
    already queued on the accelerator; from ordinary memory it changes nothing.
    """
    device = _as_device(device)
    if isinstance(batch, torch.Tensor):
        return batch.to(device, non_blocking=non_blocking)  # already there: the same tensor, no copy
    if isinstance(batch, (tuple, list)):
        return type(batch)(to_device(item, device, non_blocking) for item in batch)
    if isinstance(batch, dict):
        return {key: to_device(value, device, non_blocking) for key, value in batch.items()}
    raise TypeError(f"to_device cannot move a {type(batch).__name__}: a batch must be a tensor, or a tuple, list or dict of tensors")


class DeviceDataLoader:
    """A loader whose batches arrive on ``device``: wraps any DataLoader (chapter: Device-agnostic code).

    ``len()`` and attributes such as ``dataset`` and ``generator`` come from the
    wrapped loader, so ``fit`` can use it like the loader itself.
    """

    def __init__(self, loader, device, non_blocking: bool = True):
        if not hasattr(loader, "__iter__"):
            raise TypeError(f"loader must be iterable, such as a DataLoader, got {type(loader).__name__}")
        self.loader, self.device, self.non_blocking = loader, _as_device(device), non_blocking

    def __iter__(self):
        for batch in self.loader:
            yield to_device(batch, self.device, self.non_blocking)

    def __len__(self) -> int:
        return len(self.loader)

    def __getattr__(self, name: str):
        if name == "loader":  # not set yet: avoid asking ourselves forever
            raise AttributeError(name)
        return getattr(self.loader, name)
# --8<-- [end:to_device]


# --8<-- [start:synchronize]
def synchronize(device) -> None:
    """Wait until every kernel queued on ``device`` has finished; the CPU has nothing to wait for (chapter: Timing honestly)."""
    device = torch.device(device)  # accepts "cuda", "cuda:1" or a torch.device
    if device.type in ("cpu", "meta"):
        return  # CPU operations finish before they return
    getattr(torch, device.type).synchronize()  # torch.cuda.synchronize(), torch.mps.synchronize(), ...
# --8<-- [end:synchronize]


# --8<-- [start:all_cores]
def usable_cores() -> int:
    """How many cores this process may run on (chapter: Timing honestly)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))  # respects a container's or taskset's limit
    return os.cpu_count() or 1


@contextlib.contextmanager
def all_cores(num_threads: int | None = None):
    """Run the ``with`` block on every usable core (or ``num_threads``), then restore the thread count (chapter: Timing honestly).

    Yields the number of threads in use. The course builds with one thread, so
    that printed numbers do not depend on the machine; timings want them all.
    """
    if num_threads is not None and (isinstance(num_threads, bool) or not isinstance(num_threads, int) or num_threads < 1):
        raise ValueError(f"num_threads={num_threads!r} must be None (every core) or an int >= 1")
    previous = torch.get_num_threads()
    torch.set_num_threads(num_threads or usable_cores())
    try:
        yield torch.get_num_threads()
    finally:
        torch.set_num_threads(previous)  # even if the block raised
# --8<-- [end:all_cores]


# --8<-- [start:throughput]
def training_throughput(model: nn.Module, X: torch.Tensor, y: torch.Tensor, batch_size: int, *,
                        min_images: int = 512, max_seconds: float = 2.0, warmup_steps: int = 2,
                        dtype: torch.dtype | None = None) -> float:
    """Training images per second of ``model`` (forward, backward, Adam step) on its own device (chapter: Timing honestly).

    ``X`` and ``y`` are copied to the model's device once, so the number measures
    compute, not transfers. After ``warmup_steps`` untimed steps, it times enough
    steps for ``min_images`` images, but stops early (after at least 3) once
    ``max_seconds`` have passed. ``dtype`` (e.g. ``torch.bfloat16``) trains under autocast.
    """
    if isinstance(batch_size, bool) or not isinstance(batch_size, int) or not 1 <= batch_size <= len(X):
        raise ValueError(f"batch_size={batch_size!r} must be an int between 1 and len(X) = {len(X)}")
    device = next(model.parameters()).device
    X, y = X.to(device), y.to(device)
    loss_fn, optimizer = nn.CrossEntropyLoss(), torch.optim.Adam(model.parameters(), lr=1e-3)
    model.train()

    def step(i: int) -> None:
        start = (i * batch_size) % (len(X) - batch_size + 1)
        with torch.autocast(device.type, dtype=dtype, enabled=dtype is not None):
            loss = loss_fn(model(X[start:start + batch_size]), y[start:start + batch_size])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()

    for i in range(warmup_steps):
        step(i)
    num_steps, done = max(3, -(-min_images // batch_size)), 0  # ceil(min_images / batch_size)
    synchronize(device)  # start the clock with nothing left in the queue
    start = time.perf_counter()
    while done < num_steps and not (done >= 3 and time.perf_counter() - start > max_seconds):
        step(warmup_steps + done)
        done += 1
    synchronize(device)  # stop it when the last step has really finished
    return done * batch_size / (time.perf_counter() - start)
# --8<-- [end:throughput]
