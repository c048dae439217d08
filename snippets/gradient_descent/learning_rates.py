"""Too small, good and too large learning rates, drawn on the loss curve (chapter: Gradient descent)."""
import torch

# --8<-- [start:imports]
from torchsteps.plotting import figure, svg
# --8<-- [end:imports]

X = torch.tensor([1.0, 2.0, 3.0, 4.0, 5.0, 6.0])  # (6,) hours studied
y = torch.tensor([3.5, 4.5, 7.5, 8.5, 10.5, 13.5])  # (6,) exam points


def model(X, w, b=0.0):
    return X * w + b


def gradient_w(X, y, w):
    return (2 * X * (model(X, w) - y)).mean()


# --8<-- [start:rates]
curvature = 2 * (X**2).mean()  # the second derivative of the loss, the same at every w
print(f"curvature = {curvature:.4f}, so lr must stay below 2 / curvature = {2 / curvature:.4f}")
learning_rates = {"too small": 0.005, "good": 0.025, "too large": 0.07}
paths = {}
for name, lr in learning_rates.items():
    path = [torch.tensor(0.0)]
    for step in range(10):
        path.append(path[-1] - lr * gradient_w(X, y, path[-1]))
    paths[name] = torch.stack(path)  # (11,) w before the first step and after each
    losses = ((paths[name][:, None] * X - y) ** 2).mean(dim=1)  # (11,) the loss at each w
    print(f"{name:>9} (lr = {lr}): factor {1 - lr * curvature:+.3f}, w = {path[-1]:7.3f},"
          f" loss {losses[0]:.2f} -> {losses[5]:.2f} -> {losses[-1]:.2f}")
# --8<-- [end:rates]

# --8<-- [start:plot]
fig, axes = figure(ncols=3, width=9.6, height=3.2)
for ax, (name, path) in zip(axes, paths.items()):
    ws = torch.linspace(min(path.min().item(), 0.0) - 0.5, max(path.max().item(), 2.5) + 0.5, 200)  # (200,)
    ax.plot(ws.numpy(), ((ws[:, None] * X - y) ** 2).mean(dim=1).numpy(), color="C0")
    path_losses = ((path[:, None] * X - y) ** 2).mean(dim=1)  # (11,)
    ax.plot(path.numpy(), path_losses.numpy(), "o-", color="C3", markersize=4, linewidth=1)
    ax.set_title(f"{name}: lr = {learning_rates[name]}")
    ax.set_xlabel("w")
axes[0].set_ylabel("loss")
print(svg(fig, alt="Three loss curves with the first 10 steps of gradient descent from w = 0 drawn on each. "
          "With lr = 0.005 the steps creep down one side and stop short of the bottom; with lr = 0.025 they "
          "reach the bottom in a few steps; with lr = 0.07 they jump from side to side, each jump higher, "
          "and climb out of the bowl."))
# --8<-- [end:plot]
