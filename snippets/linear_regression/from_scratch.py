"""The from-scratch gradient descent loop and the nn version land on the same w and b (chapter: Linear regression the PyTorch way)."""
from collections import OrderedDict

import torch
from torch import nn

lr, num_epochs = 0.1, 200  # data and nn training as in data.py and train.py, in short
torch.manual_seed(0)
X = torch.rand(64, 1) * 2 - 1  # (64, 1)
y = 2.0 * X + 1.0 + 0.3 * torch.randn(64, 1)  # (64, 1)
torch.manual_seed(1)
model = nn.Sequential(OrderedDict([("fc", nn.Linear(1, 1))]))
optimizer = torch.optim.SGD(model.parameters(), lr=lr)
for epoch in range(num_epochs):
    loss = nn.MSELoss()(model(X), y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()

# --8<-- [start:scratch]
w, b = 0.0, 0.0  # plain numbers, a different start from the nn model's
for epoch in range(num_epochs):
    y_hat = w * X + b  # (64, 1)
    error = y_hat - y  # (64, 1)
    grad_w = 2 * (error * X).mean().item()  # d MSE/dw, derived by hand in the gradient descent chapter
    grad_b = 2 * error.mean().item()  # d MSE/db
    w, b = w - lr * grad_w, b - lr * grad_b
print(f"from scratch: w = {w:.4f}   b = {b:.4f}")
# --8<-- [end:scratch]

# --8<-- [start:compare]
w_nn, b_nn = model.fc.weight.item(), model.fc.bias.item()
print(f"nn.Linear:    w = {w_nn:.4f}   b = {b_nn:.4f}")
print(f"largest difference: {max(abs(w - w_nn), abs(b - b_nn)):.1e}")
# --8<-- [end:compare]
