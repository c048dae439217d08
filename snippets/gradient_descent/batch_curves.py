"""The loss after every step of batch, mini-batch and stochastic gradient descent (chapter: Gradient descent)."""
import torch

from torchsteps.plotting import figure, svg

torch.manual_seed(0)
N, lr, num_epochs = 1000, 0.01, 10
X_big = 8 * torch.rand(N)  # (1000,) hours studied
y_big = 2 * X_big + 1 + torch.randn(N)  # (1000,) exam points


def train(X, y, batch_size, lr, num_epochs, seed=0):
    generator = torch.Generator().manual_seed(seed)
    w, b, path = torch.tensor(0.0), torch.tensor(0.0), []
    for epoch in range(num_epochs):
        order = torch.randperm(len(X), generator=generator)
        for start in range(0, len(X), batch_size):
            batch = order[start : start + batch_size]
            residual = X[batch] * w + b - y[batch]
            w, b = w - lr * (2 * X[batch] * residual).mean(), b - lr * (2 * residual).mean()
            path.append((w, b))
    return w, b, path


curves = {}
for name, size in [("batch GD", N), ("mini-batch", 32), ("SGD", 1)]:
    wb = torch.tensor([[0.0, 0.0]] + [[w, b] for w, b in train(X_big, y_big, size, lr, num_epochs)[2]])
    curves[name] = ((wb[:, :1] * X_big + wb[:, 1:] - y_big) ** 2).mean(dim=1)  # (steps + 1,)

# --8<-- [start:plot]
fig, ax = figure(width=6.0, height=3.4)
for name in ("SGD", "mini-batch", "batch GD"):  # the noisiest first, so it does not hide the others
    steps = len(curves[name]) - 1
    epochs = torch.arange(steps + 1) * num_epochs / steps  # (steps + 1,) passes over the data so far
    ax.plot(epochs.numpy(), curves[name].numpy(), label=f"{name} ({steps:,} steps)", linewidth=1)
ax.set_yscale("log")
ax.set_xlabel("epochs (passes over the 1,000 students)")
ax.set_ylabel("loss on all students")
ax.legend()
print(svg(fig, alt="Loss against epochs on a log scale. Batch GD, one step per epoch, comes down smoothly but slowly "
          "and ends highest, near 1.05. Mini-batch drops within the first epoch and then stays close to 1. SGD drops "
          "as fast, but its curve is a thick, jagged band that keeps jumping between about 1 and 5."))
# --8<-- [end:plot]
