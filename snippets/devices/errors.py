"""The device errors a CPU-only machine can show: mismatched devices and .numpy() (chapter: Device-agnostic code)."""
import torch
from torch import nn

# --8<-- [start:mismatch]
model = nn.Linear(4, 2).to("meta")  # "meta": tensors with a shape and a device but no data
X = torch.randn(8, 4)  # (8, 4), on the CPU
try:
    model(X)
except RuntimeError as error:
    mismatch = str(error)
    print("RuntimeError:", error)
print("X moved first:", model(X.to("meta")).device)  # (8, 2) on meta: shapes flow, nothing is computed
# --8<-- [end:mismatch]

# --8<-- [start:numpy]
param = torch.randn(3, requires_grad=True)  # (3,), a leaf autograd tracks
try:
    param.numpy()
except RuntimeError as error:
    numpy_error = str(error)
    print("RuntimeError:", error)
print(param.detach().cpu().numpy())  # detach from the graph, copy to the CPU (no copy if it is there), then NumPy
# --8<-- [end:numpy]
