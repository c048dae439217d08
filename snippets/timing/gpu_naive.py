"""Why naive timing lies on a GPU: perf_counter without and with synchronize, and CUDA events (chapter: Timing honestly)."""
# requires: cuda
# --8<-- [start:imports]
import time

import torch
# --8<-- [end:imports]

# --8<-- [start:settings]
n = 4096  # 2 n^3 = 137 GFLOP per matmul
# --8<-- [end:settings]

# --8<-- [start:naive]
torch.manual_seed(0)
a, b = torch.randn(n, n, device="cuda"), torch.randn(n, n, device="cuda")  # (n, n) each
for _ in range(3):
    c = a @ b  # warm-up: cuBLAS loads and picks its kernel; the allocator caches two output blocks
torch.cuda.synchronize()

start = time.perf_counter()
c = a @ b  # queues the kernel and returns
naive = time.perf_counter() - start  # how long queuing took
torch.cuda.synchronize()  # wait for the kernel itself
synced = time.perf_counter() - start

start_event, end_event = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
start_event.record()  # a marker in the GPU's queue
c = a @ b
end_event.record()
end_event.synchronize()  # wait until the GPU has passed the second marker
events = start_event.elapsed_time(end_event) / 1e3  # elapsed_time is in ms

for name, seconds in [("naive perf_counter", naive), ("perf_counter + synchronize", synced), ("CUDA events", events)]:
    print(f"{name:27s} {seconds * 1e3:8.3f} ms  -> {2 * n**3 / seconds / 1e12:9.1f} TFLOP/s")
# --8<-- [end:naive]
