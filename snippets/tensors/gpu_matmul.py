"""Time a matrix product on the CPU and on a CUDA GPU (chapter: Tensors)."""
# requires: cuda
# --8<-- [start:imports]
import os
import time

import torch
# --8<-- [end:imports]

# --8<-- [start:settings]
size = 2048
repeats = 10
# --8<-- [end:settings]


# --8<-- [start:timeit]
def seconds_per_matmul(dev: torch.device) -> float:
    A = torch.randn(size, size, device=dev)  # (size, size)
    B = torch.randn(size, size, device=dev)  # (size, size)
    A @ B  # warm up: the first CUDA call pays for setting up the library
    if dev.type == "cuda":
        torch.cuda.synchronize()  # GPU calls return before the work is done
    start = time.perf_counter()
    for _ in range(repeats):
        A @ B
    if dev.type == "cuda":
        torch.cuda.synchronize()
    return (time.perf_counter() - start) / repeats
# --8<-- [end:timeit]


# --8<-- [start:compare]
build_threads = torch.get_num_threads()  # the book builds on one thread so its numbers never depend on the machine
torch.set_num_threads(os.cpu_count() or 1)  # a fair CPU baseline uses every core
try:
    cpu = seconds_per_matmul(torch.device("cpu"))
    cpu_threads = torch.get_num_threads()
finally:
    torch.set_num_threads(build_threads)
gpu = seconds_per_matmul(torch.device("cuda"))
print(f"{torch.cuda.get_device_name(0)}: {size}x{size} matmul")
print(f"CPU ({cpu_threads} threads) {cpu * 1e3:8.2f} ms   GPU {gpu * 1e3:8.2f} ms   speed-up {cpu / gpu:6.1f}x")
# --8<-- [end:compare]
