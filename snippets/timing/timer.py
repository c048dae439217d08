"""torch.utils.benchmark.Timer on the CPU: a matmul, warmed up and repeated (chapter: Timing honestly)."""
import torch
import torch.utils.benchmark as benchmark

from torchsteps.accel import all_cores

# --8<-- [start:settings]
n = 1024  # a (1024, 1024) @ (1024, 1024) matmul: 2 n^3 = 2.1 GFLOP
# --8<-- [end:settings]

# --8<-- [start:timer]
torch.manual_seed(0)
a, b = torch.randn(n, n), torch.randn(n, n)  # (n, n) each
with all_cores() as num_threads:
    timer = benchmark.Timer(stmt="a @ b", globals={"a": a, "b": b}, num_threads=num_threads, label=f"matmul {n}x{n} float32")
    measurement = timer.blocked_autorange(min_run_time=0.5)  # repeat blocks of calls for at least 0.5 s
m = measurement
print(f"{m.label}: {len(m.times)} measurements of {m.number_per_run} call(s) each, on {num_threads} threads")
print(f"median {m.median * 1e3:.2f} ms, interquartile range {m.iqr * 1e3:.2f} ms")
print(f"{2 * n**3 / m.median / 1e9:.0f} GFLOP/s")
# --8<-- [end:timer]
