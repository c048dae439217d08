"""Exercise: compare the trained w and b with the exact least-squares solution (chapter: Linear regression the PyTorch way)."""
from collections import OrderedDict

import torch
from torch import nn

torch.manual_seed(0)  # data and nn training as in data.py and train.py, in short
X = torch.rand(64, 1) * 2 - 1  # (64, 1)
y = 2.0 * X + 1.0 + 0.3 * torch.randn(64, 1)  # (64, 1)
torch.manual_seed(1)
model = nn.Sequential(OrderedDict([("fc", nn.Linear(1, 1))]))
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
for epoch in range(200):
    loss = nn.MSELoss()(model(X), y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()

# --8<-- [start:solution]
A = torch.cat([X, torch.ones_like(X)], dim=1)  # (64, 2): a column of ones carries the bias
w_exact, b_exact = torch.linalg.lstsq(A, y).solution.squeeze(1).tolist()  # minimises ||A [w, b] - y||^2
print(f"least squares: w = {w_exact:.4f}   b = {b_exact:.4f}")
print(f"trained:       w = {model.fc.weight.item():.4f}   b = {model.fc.bias.item():.4f}")
# --8<-- [end:solution]
