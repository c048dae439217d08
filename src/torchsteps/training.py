"""``fit`` and ``evaluate``: the training loop of every chapter from "The training loop done right" on.

Later chapters (CNNs, RNNs, the GPU, mixed precision, DDP) extend these functions
only by new keyword arguments whose defaults keep existing calls unchanged.
A batch is a tuple ``(inputs..., targets)``, as ``TensorDataset(X, y)`` gives, and the
model is called as ``model(*inputs)``. ``loss_fn`` returns the batch mean, as ``nn`` losses do.
"""
from __future__ import annotations

import os
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import torch
from torch import nn

from torchsteps.device import device as best_device


@dataclass
class History:
    """What ``fit`` measured, one dict per epoch (chapter: The training loop done right).

    Each row holds ``epoch``, ``train_loss`` and ``train_acc`` and, with a
    validation loader, ``val_loss`` and ``val_acc``. ``history["val_loss"]``
    gives one metric as a list, ready to plot. ``best_epoch`` is the epoch with
    the lowest validation loss; ``stopped_early`` says whether patience ran out.
    """

    epochs: list[dict[str, float]] = field(default_factory=list)
    best_epoch: int | None = None
    stopped_early: bool = False

    def __getitem__(self, key: str) -> list[float]:
        return [row[key] for row in self.epochs]

    def __len__(self) -> int:
        return len(self.epochs)


def count_correct(y_hat: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """The number of right predictions in a batch, as a 0-d tensor (chapter: The training loop done right).

    Integer targets take class logits with the classes on dim 1, as
    ``F.cross_entropy`` does: ``(N, C)`` against ``(N,)``. Float 0/1 targets take
    one logit each, ``(N, 1)`` against ``(N, 1)`` or ``(N,)``: a positive logit means class 1.
    """
    if not y.is_floating_point() and y_hat.ndim == y.ndim + 1:
        return (y_hat.argmax(dim=1) == y).sum()
    if y.is_floating_point() and y_hat.numel() == y.numel():
        return ((y_hat.reshape(y.shape) > 0) == (y > 0.5)).sum()
    raise ValueError(
        f"cannot score predictions of shape {tuple(y_hat.shape)} against targets of shape {tuple(y.shape)} "
        f"({y.dtype}): expected class logits (N, C) with int targets (N,), or one logit per 0/1 float target"
    )


class _Meter:
    """Sums over an epoch, kept as tensors on the device so that the loop never waits for a GPU."""

    def __init__(self, name: str):
        self.name, self.loss, self.correct, self.count = name, 0.0, 0, 0

    def update(self, loss: torch.Tensor, y_hat: torch.Tensor, y: torch.Tensor) -> None:
        self.loss = self.loss + loss.detach() * len(y)  # the loss is a batch mean: weight it by batch size
        self.correct = self.correct + count_correct(y_hat.detach(), y)
        self.count += len(y)

    def result(self) -> dict[str, float]:
        if self.count == 0:
            raise ValueError(f"{self.name} yielded no batches")
        return {"loss": float(self.loss) / self.count, "accuracy": float(self.correct) / self.count}


def _to_device(batch, device: torch.device) -> tuple[list[torch.Tensor], torch.Tensor]:
    """Split a batch into the model's inputs and the targets (the last item), all on ``device``.

    ``non_blocking=True`` is harmless everywhere but overlaps the copy with GPU work only
    when the batch sits in pinned memory (``DataLoader(..., pin_memory=True)``); from ordinary
    memory the copy to a GPU waits, and on the CPU there is nothing to copy.
    """
    if not isinstance(batch, (tuple, list)) or len(batch) < 2:
        raise ValueError("each batch must be a tuple (inputs..., targets), as TensorDataset(X, y) gives")
    *inputs, y = (t.to(device, non_blocking=True) for t in batch)
    return inputs, y


def _check_loader(loader: Iterable, name: str) -> None:
    try:
        size = len(loader)
    except TypeError:  # an iterable without a length is checked as it runs
        return
    if size == 0:
        raise ValueError(f"{name} is empty: it yields no batches (an empty dataset, or drop_last=True with fewer samples than batch_size?)")


def _model_device(model: nn.Module) -> torch.device:
    parameter = next(model.parameters(), None)
    return parameter.device if parameter is not None else torch.device("cpu")


def evaluate(model: nn.Module, loader: Iterable, loss_fn: Callable, device=None) -> dict[str, float]:
    """Mean ``loss`` and ``accuracy`` of ``model`` over ``loader`` (chapter: The training loop done right).

    Runs in ``model.eval()`` under ``torch.inference_mode()``, then gives every
    submodule back the train/eval mode it had. ``device`` defaults to the
    device of the model's parameters; given, the model is moved there.
    """
    _check_loader(loader, "loader")
    device = _model_device(model) if device is None else torch.device(device)
    model.to(device)
    modes = [(module, module.training) for module in model.modules()]
    model.eval()  # dropout off, batch norm uses its running statistics
    meter = _Meter("loader")
    try:
        with torch.inference_mode():  # no graph is recorded: faster, and less memory
            for batch in loader:
                inputs, y = _to_device(batch, device)
                y_hat = model(*inputs)
                meter.update(loss_fn(y_hat, y), y_hat, y)
    finally:
        for module, mode in modes:
            module.training = mode
    return meter.result()


def train_one_epoch(model, loader, loss_fn, optimizer, device, *, max_grad_norm=None) -> dict[str, float]:
    """One pass over ``loader``, one optimizer step per batch (chapter: The training loop done right).

    Returns the mean training ``loss`` and ``accuracy``, measured on each batch
    before its step. ``max_grad_norm`` clips the gradients' total norm first.
    """
    model.train()
    meter = _Meter("train_loader")
    for batch in loader:
        inputs, y = _to_device(batch, device)
        y_hat = model(*inputs)
        loss = loss_fn(y_hat, y)
        optimizer.zero_grad()
        loss.backward()
        if max_grad_norm is not None:
            nn.utils.clip_grad_norm_(model.parameters(), max_grad_norm)
        optimizer.step()
        meter.update(loss, y_hat, y)
    return meter.result()


def _progress(loader: Iterable, progress: bool | None, desc: str) -> Iterable:
    """Wrap ``loader`` in a tqdm bar: always (True), never (False), or only when stderr is a terminal (None)."""
    if progress is None:
        progress = bool(getattr(sys.stderr, "isatty", lambda: False)())
    if not progress:
        return loader
    from tqdm import tqdm

    return tqdm(loader, desc=desc, leave=False, file=sys.stderr)


def _check_fit_args(model, train_loader, loss_fn, optimizer, num_epochs, val_loader, patience, checkpoint, max_grad_norm) -> None:
    if not isinstance(model, nn.Module):
        raise TypeError(f"model must be an nn.Module, got {type(model).__name__}")
    if not callable(loss_fn):
        raise TypeError(f"loss_fn must be callable, such as nn.CrossEntropyLoss(), got {type(loss_fn).__name__}")
    if not isinstance(optimizer, torch.optim.Optimizer):
        raise TypeError(f"optimizer must be a torch.optim.Optimizer, got {type(optimizer).__name__}")
    if isinstance(num_epochs, bool) or not isinstance(num_epochs, int) or num_epochs < 1:
        raise ValueError(f"num_epochs={num_epochs!r} must be an int >= 1")
    if patience is not None and (isinstance(patience, bool) or not isinstance(patience, int) or patience < 1):
        raise ValueError(f"patience={patience!r} must be None or an int >= 1")
    if patience is not None and val_loader is None:
        raise ValueError("patience= needs val_loader=: early stopping watches the validation loss")
    if max_grad_norm is not None and not max_grad_norm > 0:
        raise ValueError(f"max_grad_norm={max_grad_norm!r} must be None or a number > 0")
    if checkpoint is not None and not Path(checkpoint).parent.is_dir():
        raise FileNotFoundError(f"checkpoint={str(checkpoint)!r}: the folder {str(Path(checkpoint).parent)!r} does not exist")
    _check_loader(train_loader, "train_loader")
    if val_loader is not None:
        _check_loader(val_loader, "val_loader")


def _early_stopping(model: nn.Module, history: History, best: dict | None, patience: int | None, num_epochs: int) -> dict | None:
    """Note the epoch with the lowest validation loss, keep its weights (with patience), decide whether to stop."""
    row = history.epochs[-1]
    if history.best_epoch is None or row["val_loss"] < history.epochs[history.best_epoch - 1]["val_loss"]:
        history.best_epoch = row["epoch"]
        if patience is not None:
            best = {name: tensor.detach().clone() for name, tensor in model.state_dict().items()}
    waited = row["epoch"] - history.best_epoch
    history.stopped_early = patience is not None and waited >= patience and row["epoch"] < num_epochs
    return best


def _rng_state(loader: Iterable) -> dict:
    """The random state that decides the next shuffle and the next dropout masks."""
    generator = getattr(loader, "generator", None)
    cuda = torch.cuda.get_rng_state_all() if torch.cuda.is_available() else []
    return {"torch": torch.get_rng_state(), "cuda": cuda, "loader": generator.get_state() if generator is not None else None}


def _save_checkpoint(path, model, optimizer, loader, history: History, best: dict | None) -> None:
    state = {"model": model.state_dict(), "optimizer": optimizer.state_dict(), "epoch": len(history),
             "history": asdict(history), "best_model": best, "rng": _rng_state(loader)}
    tmp = Path(f"{path}.tmp")
    torch.save(state, tmp)
    os.replace(tmp, path)  # atomic: a crash mid-save never leaves half a checkpoint


def _load_checkpoint(path, model, optimizer, loader) -> tuple[History, dict | None]:
    state = torch.load(path, map_location="cpu", weights_only=True)
    try:
        model.load_state_dict(state["model"])
        optimizer.load_state_dict(state["optimizer"])
    except (RuntimeError, ValueError, KeyError) as error:
        raise ValueError(f"checkpoint {str(path)!r} does not fit this model and optimizer ({error}); delete it to start afresh") from error
    torch.set_rng_state(state["rng"]["torch"])
    if torch.cuda.is_available() and len(state["rng"]["cuda"]) == torch.cuda.device_count():
        torch.cuda.set_rng_state_all(state["rng"]["cuda"])
    if state["rng"]["loader"] is not None and getattr(loader, "generator", None) is not None:
        loader.generator.set_state(state["rng"]["loader"])
    return History(**state["history"]), state["best_model"]


def fit(model: nn.Module, train_loader: Iterable, loss_fn: Callable, optimizer: torch.optim.Optimizer, num_epochs: int, *,
        val_loader: Iterable | None = None, device=None, patience: int | None = None, checkpoint: str | Path | None = None,
        progress: bool | None = None, max_grad_norm: float | None = None) -> History:
    """Train ``model`` for up to ``num_epochs`` epochs and return its History (chapter: The training loop done right).

    Moves the model and every batch to ``device`` (default ``torchsteps.device.device()``).
    With ``val_loader`` each epoch ends with ``evaluate``. With ``patience``, training
    stops after that many epochs without a lower validation loss, and the model
    keeps the weights of its best epoch. With ``checkpoint=path`` the model, the
    optimizer, the history and the random state are saved after every epoch,
    and a later call with the same path resumes after the saved epoch.
    ``progress=None`` shows a tqdm bar only when stderr is a terminal.
    """
    _check_fit_args(model, train_loader, loss_fn, optimizer, num_epochs, val_loader, patience, checkpoint, max_grad_norm)
    device = best_device() if device is None else torch.device(device)
    model.to(device)
    history, best = History(), None
    if checkpoint is not None and Path(checkpoint).is_file():
        history, best = _load_checkpoint(checkpoint, model, optimizer, train_loader)
    for epoch in range(len(history) + 1, num_epochs + 1):
        if history.stopped_early:
            break
        if hasattr(getattr(train_loader, "sampler", None), "set_epoch"):
            train_loader.sampler.set_epoch(epoch)  # a DistributedSampler reshuffles per epoch
        batches = _progress(train_loader, progress, f"epoch {epoch}/{num_epochs}")
        train = train_one_epoch(model, batches, loss_fn, optimizer, device, max_grad_norm=max_grad_norm)
        history.epochs.append({"epoch": epoch, "train_loss": train["loss"], "train_acc": train["accuracy"]})
        if val_loader is not None:
            val = evaluate(model, val_loader, loss_fn, device)
            history.epochs[-1].update(val_loss=val["loss"], val_acc=val["accuracy"])
            best = _early_stopping(model, history, best, patience, num_epochs)
        if checkpoint is not None:
            _save_checkpoint(checkpoint, model, optimizer, train_loader, history, best)
    if best is not None:
        model.load_state_dict(best)
    return history
