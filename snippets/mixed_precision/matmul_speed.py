"""A bfloat16 matmul against a float32 one on the CPU, timed (chapter: Mixed precision)."""
import torch
import torch.utils.benchmark as benchmark

from torchsteps.accel import all_cores

# --8<-- [start:settings]
n = 1024  # (n, n) @ (n, n): 2 n^3 = 2.1 GFLOP
# --8<-- [end:settings]

# --8<-- [start:speed]
torch.manual_seed(0)
a, b = torch.randn(n, n), torch.randn(n, n)  # (n, n) float32 each
medians = {}
with all_cores() as num_threads:
    for dtype in (torch.float32, torch.bfloat16):
        inputs = {"a": a.to(dtype), "b": b.to(dtype)}
        timer = benchmark.Timer(stmt="a @ b", globals=inputs, num_threads=num_threads)
        medians[dtype] = timer.blocked_autorange(min_run_time=0.5).median
        print(f"{str(dtype):15s} {medians[dtype] * 1e3:7.2f} ms  {2 * n**3 / medians[dtype] / 1e9:6.0f} GFLOP/s")
print(f"bfloat16 speed-up: {medians[torch.float32] / medians[torch.bfloat16]:.2f}x on {num_threads} threads")
# --8<-- [end:speed]
