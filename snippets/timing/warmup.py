"""Warm-up: the first calls are slower than the rest (chapter: Timing honestly)."""
# --8<-- [start:imports]
import contextlib
import os
import time

import torch
import torch.utils.benchmark as benchmark
from torch import nn

from torchsteps.accel import all_cores, training_throughput
from torchsteps.cnn import CNN, mnist_tensors
# --8<-- [end:imports]

# --8<-- [start:warmup]
torch.manual_seed(0)
model = CNN().eval()
X = torch.randn(200, 1, 28, 28)  # (200, 1, 28, 28): a batch size this page has not used yet
times_ms = []
with all_cores() as num_threads, torch.no_grad():
    for _ in range(8):
        start = time.perf_counter()
        model(X)
        times_ms.append((time.perf_counter() - start) * 1e3)
print(f"{num_threads} threads; one forward pass of 200 images, call by call (ms):", [round(t, 1) for t in times_ms])
print(f"first call {times_ms[0]:.1f} ms, median of the rest {sorted(times_ms[1:])[3]:.1f} ms")
print("threads after the block:", torch.get_num_threads())
# --8<-- [end:warmup]
