"""What autocast runs in bfloat16 on the CPU, and what stays in float32 (chapter: Mixed precision)."""
import torch
import torch.nn.functional as F
from torch import nn

# --8<-- [start:dtypes]
torch.manual_seed(0)
layer = nn.Linear(784, 10)  # float32 weights
X = torch.randn(64, 784)  # (64, 784) float32
y = torch.randint(0, 10, (64,))  # (64,)
with torch.autocast("cpu", dtype=torch.bfloat16):
    y_hat = layer(X)  # (64, 10): a matmul, cast to bfloat16
    h = torch.relu(y_hat)  # follows its input's dtype
    loss = F.cross_entropy(y_hat, y)  # on autocast's float32 list: sums of logs need the precision
loss.backward()  # outside autocast, as it should be
print(f"X {X.dtype} | y_hat {y_hat.dtype} | relu {h.dtype} | loss {loss.dtype}")
print(f"weight {layer.weight.dtype} | weight.grad {layer.weight.grad.dtype}")
# --8<-- [end:dtypes]
