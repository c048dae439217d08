"""Draw the trained classifier's decision boundary over the points (chapter: Logistic regression)."""
# --8<-- [start:imports]
import torch
from torch import nn

from torchsteps.plotting import figure, svg
# --8<-- [end:imports]

# The same data and training as train_classifier.py, so this file runs on its own.
torch.manual_seed(0)
centres = torch.tensor([[-1.0, -1.0], [1.0, 1.0]])
X = torch.cat([torch.randn(100, 2) + centres[0], torch.randn(100, 2) + centres[1]])  # (200, 2)
y = torch.cat([torch.zeros(100, 1), torch.ones(100, 1)])  # (200, 1)
X_test = torch.cat([torch.randn(100, 2) + centres[0], torch.randn(100, 2) + centres[1]])  # (200, 2)
model = nn.Linear(2, 1)
loss_fn = nn.BCEWithLogitsLoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
for epoch in range(200):
    loss = loss_fn(model(X), y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()

# --8<-- [start:plot]
g1, g2 = torch.meshgrid(torch.linspace(-4, 4, 81), torch.linspace(-4, 4, 81), indexing="xy")
grid = torch.stack([g1.flatten(), g2.flatten()], dim=1)  # (81*81, 2): every pixel as a point
with torch.no_grad():
    prob = torch.sigmoid(model(grid)).view(81, 81)  # P(y = 1) at every pixel
fig, ax = figure(width=5.2, height=4.4)
filled = ax.contourf(g1.numpy(), g2.numpy(), prob.numpy(), levels=10, cmap="RdBu_r", alpha=0.6)
ax.contour(g1.numpy(), g2.numpy(), prob.numpy(), levels=[0.5], colors="black")  # the boundary: z = 0
labels = y.squeeze(1).bool()
ax.scatter(X[~labels, 0].numpy(), X[~labels, 1].numpy(), s=12, c="tab:blue", edgecolors="white", lw=0.4, label="y = 0")
ax.scatter(X[labels, 0].numpy(), X[labels, 1].numpy(), s=12, c="tab:red", edgecolors="white", lw=0.4, label="y = 1")
fig.colorbar(filled, ax=ax, label="predicted P(y = 1)")
ax.set_xlabel("$x_1$")
ax.set_ylabel("$x_2$")
ax.legend(loc="upper left")
print(svg(fig, alt="Blue points at the lower left and red points at the upper right, over a shading from blue to red; a straight black line where the predicted probability is 0.5 separates them, with a few points of each colour on the wrong side."))
# --8<-- [end:plot]
