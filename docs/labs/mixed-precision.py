# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Lab IV: one training script for every device, in mixed precision
#
# Part IV took the course off the single CPU: device-agnostic code, honest timing, mixed precision, compilation and
# several processes. This lab writes the training script that the first and third of those chapters add up to. The
# same cells run on a laptop's CPU and on an NVIDIA GPU without an edit: the script picks the device, picks the
# mixed-precision policy that suits it (`bfloat16` autocast where the hardware has it, every CPU and NVIDIA GPUs
# from Ampere on; `float16` autocast with a `torch.amp.GradScaler` on older GPUs), trains Part III's CNN, checks that
# 16 bits cost no accuracy, and saves a checkpoint that loads anywhere.
#
# ## Why float16 needs a scaler
#
# `float16` turns anything below about $6 \times 10^{-8}$ into 0, and small gradients live there. The scaler
# multiplies the loss by a scale $S$ before `backward()`; by the chain rule every gradient is multiplied by $S$ too,
# and is divided by $S$ again in float32 before the optimizer's step:
#
# $$
# \frac{\partial (S \cdot \ell)}{\partial w} = S \cdot \frac{\partial \ell}{\partial w} .
# $$
#
# `bfloat16` has float32's range, so it needs no scaler: the mixed-precision chapter's advice is to prefer it where
# the hardware supports it. With `bfloat16` the scaler stays disabled, and its calls do nothing.
#
# ## Settings and the device
#
# The device is chosen once, at the top, by `pick_device` (the device-agnostic chapter's `torch.accelerator`
# wrapper). Everything after this cell asks `device` instead of assuming it. On a GPU that has `bfloat16`, set
# `prefer_bf16 = False` to see the `float16` path with its scaler.

# %%
import tempfile
from pathlib import Path

import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from torchsteps.accel import pick_device
from torchsteps.cnn import CNN, mnist_tensors

lr = 1e-3
batch_size = 64
num_epochs = 1
prefer_bf16 = True  # False: float16 with a GradScaler on any CUDA GPU
device = pick_device()  # cuda, mps, xpu, ... or cpu


def amp_policy(device: torch.device) -> tuple[torch.dtype, bool]:
    """The autocast dtype for ``device`` and whether it needs a GradScaler."""
    if device.type == "cuda" and not (prefer_bf16 and torch.cuda.is_bf16_supported()):
        return torch.float16, True  # older GPUs: float16 works everywhere, with a scaler
    return torch.bfloat16, False  # the CPU, Ampere and later: float32's range, no scaler


amp_dtype, use_scaler = amp_policy(device)
print(f"device: {device.type}; mixed precision: {amp_dtype}, GradScaler {'on' if use_scaler else 'off'}")

# %% [markdown]
# ## The data
#
# The 8,000 / 2,000 MNIST split, normalised with the training statistics. `pin_memory` only where a CUDA GPU can use
# it, so that `non_blocking=True` can overlap the copy of a batch with the GPU's work.

# %%
X_train, y_train, X_test, y_test = mnist_tensors()  # X_train (8000, 1, 28, 28), X_test (2000, 1, 28, 28)
pin = device.type == "cuda"
generator = torch.Generator().manual_seed(0)
train_loader = DataLoader(TensorDataset(X_train, y_train), batch_size=batch_size, shuffle=True,
                          generator=generator, pin_memory=pin)
test_loader = DataLoader(TensorDataset(X_test, y_test), batch_size=1000, pin_memory=pin)
print(len(train_loader), "batches of", batch_size, "per epoch;", len(test_loader.dataset), "test images")

# %% [markdown]
# ## The script
#
# One function trains a fresh CNN and returns it with its test accuracy. Only the forward pass and the loss go
# inside `torch.autocast`; `backward()` and the step stay outside. `enabled=` switches each part off for the float32
# run, so one code path serves both.

# %%
def train(amp: bool) -> tuple[nn.Module, float, float | None]:
    """Train a fresh CNN on ``device``, in mixed precision if ``amp``.

    Returns the model, its test accuracy and the scaler's final scale (None without a scaler).
    """
    torch.manual_seed(0)  # the same initial weights every run
    generator.manual_seed(0)  # and the same batches
    model = CNN().to(device)  # move the model before building its optimizer
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = nn.CrossEntropyLoss()
    scaler = torch.amp.GradScaler(device.type, enabled=amp and use_scaler)
    for epoch in range(num_epochs):
        model.train()
        for X, y in train_loader:
            X = X.to(device, non_blocking=True)  # (64, 1, 28, 28)
            y = y.to(device, non_blocking=True)  # (64,)
            with torch.autocast(device.type, dtype=amp_dtype, enabled=amp):
                loss = loss_fn(model(X), y)  # y_hat (64, 10) in amp_dtype, the loss in float32
            optimizer.zero_grad()
            scaler.scale(loss).backward()  # loss * S; a plain backward() when the scaler is off
            scaler.step(optimizer)  # unscale, skip the step if a gradient is inf or nan
            scaler.update()
    return model, accuracy(model, amp), scaler.get_scale() if scaler.is_enabled() else None


def accuracy(model: nn.Module, amp: bool) -> float:
    """Test accuracy, under the same autocast as training."""
    model.eval()
    correct = torch.zeros((), device=device)  # counted on the device: no wait per batch
    with torch.inference_mode(), torch.autocast(device.type, dtype=amp_dtype, enabled=amp):
        for X, y in test_loader:
            X, y = X.to(device, non_blocking=True), y.to(device, non_blocking=True)
            correct += (model(X).argmax(dim=1) == y).sum()
    return correct.item() / len(test_loader.dataset)


model_fp32, acc_fp32, _ = train(amp=False)
model_amp, acc_amp, final_scale = train(amp=True)
print(f"test accuracy after {num_epochs} epoch: float32 {acc_fp32:.2%}, {amp_dtype} autocast {acc_amp:.2%}")
difference = (acc_amp - acc_fp32) * 100  # in points
print(f"difference {difference:+.2f} points")
print("the bar is 1 point:", "passed" if abs(difference) < 1 else "missed")
if final_scale is not None:
    print(f"the scaler's final scale: {final_scale:g}")

# %% [markdown]
# The two runs start from the same weights and see the same batches, so the difference is what 16-bit arithmetic
# costs. It is a fraction of a point: the coarse rounding in the convolutions does not hurt this network.
#
# ## A checkpoint that loads anywhere
#
# Save the weights, not the model object, and load them with `map_location`, so that a checkpoint written on a GPU
# opens on a machine without one. The weights are float32 whatever autocast did (the int64 is batch norm's count
# of the batches it has seen), so the loaded model also runs without autocast.

# %%
with tempfile.TemporaryDirectory() as folder:
    path = Path(folder) / "cnn.pt"
    torch.save(model_amp.state_dict(), path)
    state = torch.load(path, map_location="cpu", weights_only=True)  # every tensor lands on the CPU
print("saved from", device.type, "- loaded tensors on", sorted({t.device.type for t in state.values()}),
      "with dtypes", sorted({str(t.dtype) for t in state.values()}))

# %% [markdown]
# ## Your turn 1: evaluate the checkpoint on the CPU
#
# Load the checkpoint into a fresh `CNN` on the CPU and measure its test accuracy there in float32. How far is it
# from the accuracy measured on `device` under autocast?

# %% tags=["solution"]
cpu_model = CNN()
cpu_model.load_state_dict(state)
cpu_model.eval()
with torch.inference_mode():
    cpu_correct = sum((cpu_model(X).argmax(dim=1) == y).sum().item() for X, y in test_loader)
cpu_acc = cpu_correct / len(test_loader.dataset)
print(f"on the CPU in float32: {cpu_acc:.2%}; on {device.type} under autocast: {acc_amp:.2%}")

# %% [markdown]
# The accuracies agree to within a few test images: autocast changed the arithmetic, not what the model learned,
# and the checkpoint carries no trace of the device it was trained on.
#
# ## Your turn 2: what runs in 16 bits?
#
# Run one batch under the script's autocast and print the dtypes of the logits, the loss, a weight and its gradient.

# %% tags=["solution"]
probe = CNN().to(device)
X, y = next(iter(test_loader))
X, y = X[:64].to(device), y[:64].to(device)  # X (64, 1, 28, 28)
with torch.autocast(device.type, dtype=amp_dtype):
    y_hat = probe(X)  # (64, 10)
    loss = nn.functional.cross_entropy(y_hat, y)
loss.backward()
weight = probe.classifier[1].weight
print(f"logits {y_hat.dtype}, loss {loss.dtype}, weight {weight.dtype}, gradient {weight.grad.dtype}")

# %% [markdown]
# The logits come out in 16 bits because the linear layer ran there; cross-entropy is on autocast's float32 list, so
# the loss is float32; and the weights and their gradients stay float32, so that the optimizer's small updates are
# not rounded away.
#
# ## Summary
#
# - Choose `device` once with `pick_device()`, move the model before building the optimizer, and move each batch
#   inside the loop with `non_blocking=True`; pin the loader's memory only for a CUDA GPU.
# - Put only the forward pass and the loss under `torch.autocast(device.type, dtype=...)`: `bfloat16` where the
#   hardware has it (every CPU, NVIDIA GPUs from Ampere on), `float16` with `torch.amp.GradScaler` elsewhere.
# - `GradScaler(..., enabled=False)` makes `scale`, `step` and `update` plain calls, so one loop serves every policy.
# - Mixed precision trained the CNN to within a point of float32, and a checkpoint saved as a `state_dict` and loaded
#   with `map_location` runs anywhere.
