"""Time a matrix product on the CPU and on a CUDA GPU (chapter: Tensors)."""
# requires: cuda
# --8<-- [start:imports]
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
cpu = seconds_per_matmul(torch.device("cpu"))
gpu = seconds_per_matmul(torch.device("cuda"))
print(f"{torch.cuda.get_device_name(0)}: {size}x{size} matmul")
print(f"CPU {cpu * 1e3:8.2f} ms   GPU {gpu * 1e3:8.2f} ms   speed-up {cpu / gpu:6.1f}x")
# --8<-- [end:compare]
