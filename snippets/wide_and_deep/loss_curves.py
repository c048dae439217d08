"""Plot the training loss of both diabetes models, epoch by epoch (chapter: Multiple inputs, wide and deep)."""
import torch
from torch import nn

from torchsteps.datasets import load_diabetes
from torchsteps.plotting import figure, svg

# The same models and training as train.py, so this file runs on its own.
X, y = load_diabetes("train")  # X (607, 8), y (607, 1)
torch.manual_seed(0)
linear_model = nn.Linear(8, 1)
torch.manual_seed(0)
deep_model = nn.Sequential(nn.Linear(8, 6), nn.ReLU(), nn.Linear(6, 4), nn.ReLU(), nn.Linear(4, 1))
curves = []
for model in (linear_model, deep_model):
    optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
    curves.append([])
    for epoch in range(1000):
        loss = nn.functional.binary_cross_entropy_with_logits(model(X), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        curves[-1].append(loss.item())
linear_losses, deep_losses = curves

# --8<-- [start:plot]
share = y.mean()  # the best constant guess of P(y = 1) is the share of 1s
baseline_loss = -(share * share.log() + (1 - share) * (1 - share).log()).item()
fig, ax = figure(width=6.0, height=3.4)
ax.plot(linear_losses, label="8 → 1 (logistic regression)")
ax.plot(deep_losses, label="8 → 6 → 4 → 1 with ReLU")
ax.axhline(baseline_loss, color="grey", ls=":", label=f"constant guess, loss {baseline_loss:.3f}")
ax.set_xlabel("epoch")
ax.set_ylabel("training loss (BCE)")
ax.legend()
print(svg(fig, alt="Training loss against epoch for both models, both starting near 0.72. The linear model falls smoothly and flattens near 0.47. The deeper model first stalls near the dotted constant-guess line, drops below the linear model after about 100 epochs, and ends near 0.43 with small bumps."))
# --8<-- [end:plot]
