"""Time the loops, the unfold version and F.conv2d on two layers of an MNIST-sized network (chapter: Convolution from the ground up)."""
import runpy
from pathlib import Path

import torch
import torch.nn.functional as F

# On its own, this file first runs conv_loops.py and im2col.py; on the page both functions are already there.
conv2d_loops = runpy.run_path(str(Path(__file__).with_name("conv_loops.py")))["conv2d_loops"]
conv2d_unfold = runpy.run_path(str(Path(__file__).with_name("im2col.py")))["conv2d_unfold"]

# --8<-- [start:settings]
batch_size = 32
# (C_in, C_out, image size) of each layer; 3x3 kernels with padding 1
layers = {"first layer": (1, 16, 28), "middle layer": (16, 32, 14)}
repeats = 5
# --8<-- [end:settings]


# --8<-- [start:time]
import time


def best_time(fn, *args, **kwargs) -> float:
    """The fastest of a few runs, in milliseconds: the one least disturbed by anything else on the machine."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn(*args, **kwargs)
        times.append(time.perf_counter() - start)
    return 1000 * min(times)


torch.manual_seed(0)
timings = {}
print("| layer | input (B, C_in, H, W) | loops | unfold + matmul | F.conv2d |\n|---|---|---:|---:|---:|")
for name, (C_in, C_out, size) in layers.items():
    X_speed = torch.randn(batch_size, C_in, size, size)  # (B, C_in, H, W)
    weight_speed, bias_speed = torch.randn(C_out, C_in, 3, 3), torch.randn(C_out)
    with torch.no_grad():  # the forward pass only
        timings[name] = [best_time(fn, X_speed, weight_speed, bias_speed, padding=1)
                         for fn in (conv2d_loops, conv2d_unfold, F.conv2d)]
    cells = " | ".join(f"{ms:.2f} ms" for ms in timings[name])
    print(f"| {name} | {tuple(X_speed.shape)} | {cells} |")
# --8<-- [end:time]
