"""Plot the fitted line over the data, and the loss curve (chapter: Linear regression the PyTorch way)."""
import torch
from torch import nn

from torchsteps.plotting import figure, svg

torch.manual_seed(0)  # data and training as in data.py and train.py, in short
true_w, true_b, noise = 2.0, 1.0, 0.3
X = torch.rand(64, 1) * 2 - 1  # (64, 1)
y = true_w * X + true_b + noise * torch.randn(64, 1)  # (64, 1)
torch.manual_seed(1)
model = nn.Sequential(nn.Linear(1, 1))
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
losses = []
for epoch in range(200):
    loss = nn.functional.mse_loss(model(X), y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    losses.append(loss.item())

# --8<-- [start:figure]
grid = torch.linspace(-1, 1, 50).unsqueeze(1)  # (50, 1)
with torch.no_grad():  # a picture, not a training step
    line = model(grid)  # (50, 1)
fig, (left, right) = figure(ncols=2, width=7.0, height=3.2)
left.scatter(X.numpy(), y.numpy(), s=12, alpha=0.6, label="data")
left.plot(grid.numpy(), line.numpy(), color="C1", linewidth=4, alpha=0.6, label="learned line")
left.plot(grid.numpy(), (true_w * grid + true_b).numpy(), "k--", label="true line")
left.set_xlabel("x")
left.set_ylabel("y")
left.legend()
right.plot(losses)
right.axhline(noise**2, color="k", linestyle="--", label="noise variance")
right.set_yscale("log")
right.set_xlabel("epoch")
right.set_ylabel("MSE loss")
right.legend()
print(svg(fig, alt="Left: 64 noisy points around y = 2x + 1, with the learned line lying on the true line. Right: the loss on a log scale falls from above 2 and levels off near the noise variance 0.09."))
# --8<-- [end:figure]
