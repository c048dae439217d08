"""Two models for the diabetes data: logistic regression, and 8 -> 6 -> 4 -> 1 (chapter: Multiple inputs, wide and deep)."""
import torch
from torch import nn

from torchsteps.datasets import load_diabetes

X, y = load_diabetes("train")  # X (607, 8), y (607, 1)

# --8<-- [start:models]
torch.manual_seed(0)
linear_model = nn.Linear(8, 1)  # logistic regression: one score per patient
torch.manual_seed(0)  # each model starts from its own seeded weights
deep_model = nn.Sequential(
    nn.Linear(8, 6),  # 8 features in, 6 hidden features out
    nn.ReLU(),  # the bend: without it the three layers collapse into one
    nn.Linear(6, 4),
    nn.ReLU(),
    nn.Linear(4, 1),  # one score; BCEWithLogitsLoss applies the sigmoid
)
print(deep_model)
# --8<-- [end:models]

# --8<-- [start:shapes]
h = X  # (607, 8)
for layer in deep_model:
    h = layer(h)
    print(f"{type(layer).__name__:>7} -> {tuple(h.shape)}")
print("linear model:", tuple(linear_model(X).shape))
# --8<-- [end:shapes]
