"""Exercise: single perf_counter timings scatter; the Timer's median is steadier (chapter: Timing honestly)."""
import time

import torch
import torch.utils.benchmark as benchmark

from torchsteps.accel import all_cores

# --8<-- [start:solution]
torch.manual_seed(0)
a = torch.randn(256, 256)  # (256, 256)
with all_cores() as num_threads:
    singles_us = []
    for _ in range(50):
        start = time.perf_counter()
        a @ a
        singles_us.append((time.perf_counter() - start) * 1e6)
    singles_us.sort()
    m = benchmark.Timer(stmt="a @ a", globals={"a": a}, num_threads=num_threads).blocked_autorange(min_run_time=0.5)
print(f"50 single calls: min {singles_us[0]:.0f} µs, median {singles_us[25]:.0f} µs, max {singles_us[-1]:.0f} µs")
print(f"Timer: median {m.median * 1e6:.0f} µs over {len(m.times)} blocks of {m.number_per_run} calls, IQR {m.iqr * 1e6:.1f} µs")
# --8<-- [end:solution]
