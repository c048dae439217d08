"""Step 1 of the recipe: a seeded synthetic data set, y = 2x + 1 + noise (chapter: Linear regression the PyTorch way)."""
# --8<-- [start:imports]
import torch
from torch import nn

from torchsteps.plotting import figure, svg
# --8<-- [end:imports]

# --8<-- [start:settings]
true_w, true_b = 2.0, 1.0
N = 64
noise = 0.3  # standard deviation of the noise
# --8<-- [end:settings]

# --8<-- [start:data]
torch.manual_seed(0)
X = torch.rand(N, 1) * 2 - 1  # (64, 1): one feature, uniform in [-1, 1)
y = true_w * X + true_b + noise * torch.randn(N, 1)  # (64, 1)
print(X.shape, y.shape)
print(torch.cat([X, y], dim=1)[:3])  # the first three (x, y) pairs
# --8<-- [end:data]
