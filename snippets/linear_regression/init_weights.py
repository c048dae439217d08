"""Inspect and set a model's weights: named_parameters, nn.init and fill_ under no_grad (chapter: Linear regression the PyTorch way)."""
import torch
from torch import nn


class LinearRegression(nn.Module):  # as in model.py
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(1, 1)

    def forward(self, X):
        return self.fc(X)


# --8<-- [start:init]
torch.manual_seed(0)
fresh = LinearRegression()
nn.init.normal_(fresh.fc.weight, mean=0.0, std=0.01)  # nn.init functions switch recording off themselves
try:
    fresh.fc.bias.fill_(0.0)  # an in-place change to a parameter, recorded: refused
except RuntimeError as err:
    print("RuntimeError:", err)
with torch.no_grad():
    fresh.fc.bias.fill_(0.0)  # the same change, not recorded: fine
for name, param in fresh.named_parameters():
    print(f"{name:10} {param}")
# --8<-- [end:init]
