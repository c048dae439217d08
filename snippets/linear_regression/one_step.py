"""What one optimizer step does, on two points, with numbers to check by hand (chapter: Linear regression the PyTorch way)."""
import torch
from torch import nn

# --8<-- [start:one_step]
X_tiny = torch.tensor([[0.0], [1.0]])  # (2, 1)
y_tiny = torch.tensor([[1.0], [3.0]])  # (2, 1)
tiny = nn.Linear(1, 1)
nn.init.zeros_(tiny.weight)  # start at w = 0, b = 0, as in the worked example
nn.init.zeros_(tiny.bias)
tiny_optimizer = torch.optim.SGD(tiny.parameters(), lr=0.1)

loss = nn.MSELoss()(tiny(X_tiny), y_tiny)
tiny_optimizer.zero_grad()
loss.backward()
print(f"loss = {loss.item():.4f}   grad w = {tiny.weight.grad.item():.4f}   grad b = {tiny.bias.grad.item():.4f}")
tiny_optimizer.step()  # w <- w - 0.1 * grad w,  b <- b - 0.1 * grad b
print(f"after one step: w = {tiny.weight.item():.4f}   b = {tiny.bias.item():.4f}")
# --8<-- [end:one_step]
