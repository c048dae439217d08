"""Exercise: how much faster is a matmul on every core than on one thread? (chapter: Timing honestly)."""
import torch
import torch.utils.benchmark as benchmark

from torchsteps.accel import usable_cores

# --8<-- [start:solution]
torch.manual_seed(0)
a = torch.randn(1024, 1024)  # (1024, 1024)
medians = {}
for num_threads in sorted({1, usable_cores()}):  # Timer sets the thread count, and restores it after
    timer = benchmark.Timer(stmt="a @ a", globals={"a": a}, num_threads=num_threads)
    medians[num_threads] = timer.blocked_autorange(min_run_time=0.5).median
    print(f"{num_threads} thread(s): {medians[num_threads] * 1e3:.2f} ms")
print(f"speed-up on {usable_cores()} cores: {medians[1] / medians[usable_cores()]:.2f}x; threads now: {torch.get_num_threads()}")
# --8<-- [end:solution]
