"""The CNN's training step, eager and compiled, timed with the same clock (chapter: torch.compile)."""
# --8<-- [start:imports]
import atexit
import math
import os
import shutil
import tempfile
import time

import torch
from torch import nn
from torch.utils.benchmark import Timer

from torchsteps.cnn import CNN, mnist_tensors
# --8<-- [end:imports]

# --8<-- [start:compiler]
print("torch", torch.__version__.split("+")[0], "| C++ compiler for Inductor:", shutil.which(os.environ.get("CXX", "g++")))
# --8<-- [end:compiler]

# --8<-- [start:settings]
batch_size = 64
lr = 1e-3
min_run_time = 0.5  # seconds of timed steps per measurement
# --8<-- [end:settings]

# --8<-- [start:step]
X_train, y_train, _, _ = mnist_tensors()
X, y = X_train[:batch_size], y_train[:batch_size]  # (64, 1, 28, 28), (64,): one batch, reused
loss_fn = nn.CrossEntropyLoss()


def make_model() -> tuple[nn.Module, torch.optim.Optimizer]:
    torch.manual_seed(0)  # eager and compiled start from the same weights
    model = CNN()
    return model, torch.optim.Adam(model.parameters(), lr=lr)


def train_step(model: nn.Module, optimizer: torch.optim.Optimizer) -> torch.Tensor:
    loss = loss_fn(model(X), y)  # forward
    optimizer.zero_grad()
    loss.backward()  # backward
    optimizer.step()  # optimizer step
    return loss


def ms_per_step(model: nn.Module, optimizer: torch.optim.Optimizer) -> float:
    """Median milliseconds per training step, after one untimed warm-up step."""
    train_step(model, optimizer)
    timer = Timer("train_step(model, optimizer)", globals={"train_step": train_step, "model": model, "optimizer": optimizer})
    return timer.blocked_autorange(min_run_time=min_run_time).median * 1000
# --8<-- [end:step]

# --8<-- [start:eager]
model, optimizer = make_model()
eager_ms = ms_per_step(model, optimizer)
print(f"eager: {eager_ms:.2f} ms per training step")
# --8<-- [end:eager]
