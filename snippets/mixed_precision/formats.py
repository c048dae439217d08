"""float32, float16 and bfloat16: their ranges, their precision, and what rounding does (chapter: Mixed precision)."""
# --8<-- [start:imports]
import time

import torch
import torch.nn.functional as F
import torch.utils.benchmark as benchmark
from torch import nn

from torchsteps.accel import all_cores
from torchsteps.cnn import CNN, mnist_loaders
from torchsteps.plotting import figure, svg
# --8<-- [end:imports]

# --8<-- [start:formats]
print("| dtype | exponent bits | mantissa bits | eps | largest | smallest normal | smallest subnormal |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
for dtype, exponent_bits in [(torch.float32, 8), (torch.float16, 5), (torch.bfloat16, 8)]:
    info = torch.finfo(dtype)
    mantissa_bits = info.bits - 1 - exponent_bits  # one bit for the sign
    print(f"| {str(dtype).removeprefix('torch.')} | {exponent_bits} | {mantissa_bits} | {info.eps:.3g} | {info.max:.5g} "
          f"| {info.tiny:.3g} | {info.tiny * info.eps:.3g} |")
# --8<-- [end:formats]

# --8<-- [start:rounding]
x = torch.tensor([1 + 2**-8, 1e-8, 70000.0])  # (3,) float32
for dtype in (torch.float16, torch.bfloat16):
    print(f"{str(dtype):15s}", x.to(dtype).tolist())  # rounded to dtype, then printed as Python floats
# --8<-- [end:rounding]
