"""Exercise: is a gain of three test patients a real difference? (chapter: Multiple inputs, wide and deep)."""
import torch
from torch import nn

from torchsteps.datasets import load_diabetes

# The two trained models of train.py, so this file runs on its own.
X, y = load_diabetes("train")  # X (607, 8), y (607, 1)
X_test, y_test = load_diabetes("test")  # X_test (152, 8), y_test (152, 1)
torch.manual_seed(0)
linear_model = nn.Linear(8, 1)
torch.manual_seed(0)
deep_model = nn.Sequential(nn.Linear(8, 6), nn.ReLU(), nn.Linear(6, 4), nn.ReLU(), nn.Linear(4, 1))
for model in (linear_model, deep_model):
    optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
    for epoch in range(1000):
        loss = nn.functional.binary_cross_entropy_with_logits(model(X), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()

# --8<-- [start:solution]
with torch.no_grad():
    right_linear = (linear_model(X_test) > 0).float() == y_test  # (152, 1) bool
    right_deep = (deep_model(X_test) > 0).float() == y_test  # (152, 1) bool
both = (right_linear & right_deep).sum().item()
only_deep = (right_deep & ~right_linear).sum().item()
only_linear = (right_linear & ~right_deep).sum().item()
print(f"both right {both}, only the network right {only_deep}, only logistic regression right {only_linear}")
p = right_deep.float().mean().item()  # the network's test accuracy
standard_error = (p * (1 - p) / len(y_test)) ** 0.5  # spread of an accuracy measured on 152 patients
print(f"accuracy {p:.3f} +- {standard_error:.3f}, that is +- {standard_error * len(y_test):.1f} patients")
# --8<-- [end:solution]
