"""Load the diabetes table: one row per patient, one column per feature (chapter: Multiple inputs, wide and deep)."""
# --8<-- [start:imports]
import torch
from torch import nn

from torchsteps.datasets import load_diabetes
from torchsteps.plotting import figure, svg
# --8<-- [end:imports]

# --8<-- [start:load]
X, y = load_diabetes("train")  # X (607, 8), y (607, 1)
X_test, y_test = load_diabetes("test")  # X_test (152, 8), y_test (152, 1)
print(X.shape, X.dtype, y.shape, X_test.shape, y_test.shape)
print("first patient:", [round(v, 3) for v in X[0].tolist()], "label", y[0].item())
print("features range from", X.min().item(), "to", X.max().item())
# --8<-- [end:load]

# --8<-- [start:baseline]
positive_share = y.mean().item()  # share of label 1 in the training split
majority = 1.0 if positive_share >= 0.5 else 0.0  # the commoner label
baseline_train = (y == majority).float().mean().item()
baseline_test = (y_test == majority).float().mean().item()
print(f"label 1 in train: {positive_share:.3f}   majority label: {majority:.0f}")
print(f"always guess {majority:.0f}: train accuracy {baseline_train:.3f}, test accuracy {baseline_test:.3f}")
# --8<-- [end:baseline]
