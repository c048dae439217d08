"""Pinned versus pageable memory: when a non_blocking copy lets the CPU go on (chapter: Device-agnostic code)."""
# requires: cuda
# --8<-- [start:imports]
import time

import torch
# --8<-- [end:imports]

# --8<-- [start:settings]
size_mib = 256  # big enough that the copy takes milliseconds
# --8<-- [end:settings]

# --8<-- [start:overlap]
pageable = torch.randn(size_mib * 2**20 // 4)  # (67108864,) float32 in ordinary memory
pinned = pageable.pin_memory()  # the same numbers in page-locked memory
warm = [x.to("cuda", non_blocking=True) for x in (pageable, pinned)]  # warm-up: CUDA context, two cached blocks
torch.cuda.synchronize()
del warm  # the allocator keeps both blocks, so the timed copies allocate nothing new
results = {}
for name, x in [("pageable", pageable), ("pinned", pinned)]:
    start = time.perf_counter()
    x_gpu = x.to("cuda", non_blocking=True)
    returned = time.perf_counter() - start  # when the CPU could go on
    torch.cuda.synchronize()
    done = time.perf_counter() - start  # when the copy had finished
    results[name] = (returned, done)
    print(f"{name:8s}: .to() returned after {returned * 1e3:6.2f} ms, copy finished after {done * 1e3:6.2f} ms "
          f"({x.nbytes / done / 1e9:.1f} GB/s)")
# --8<-- [end:overlap]
