"""Which device this machine offers, asked through torch.accelerator (chapter: Device-agnostic code)."""
# --8<-- [start:imports]
import torch
from torch import nn
# --8<-- [end:imports]

# --8<-- [start:ask]
print("torch", torch.__version__.split("+")[0])
if hasattr(torch, "accelerator"):  # torch 2.6 and later
    print("torch.accelerator.is_available():", torch.accelerator.is_available())
    print("torch.accelerator.current_accelerator():", torch.accelerator.current_accelerator())
print("torch.cuda.is_available():", torch.cuda.is_available())
# --8<-- [end:ask]

# --8<-- [start:pick]
from torchsteps.accel import pick_device

device = pick_device()  # CUDA, MPS, XPU, ... or the CPU
print("device:", device)
# --8<-- [end:pick]
