"""Search w on a grid and plot the loss against w (chapter: The linear model)."""
import torch

from torchsteps.plotting import figure, svg

X = torch.tensor([1.0, 2.0, 3.0, 4.0, 5.0, 6.0])  # (6,) hours studied
y = torch.tensor([3.5, 4.5, 7.5, 8.5, 10.5, 13.5])  # (6,) exam points


def model(X, w, b=0.0):
    return X * w + b


def loss_fn(y_hat, y):
    return ((y_hat - y) ** 2).mean()


# --8<-- [start:grid]
ws = torch.linspace(0, 4, 401)  # (401,) candidates 0.00, 0.01, ..., 4.00
losses = torch.stack([loss_fn(model(X, w), y) for w in ws])  # (401,) one loss per candidate
print("   w    loss")
for w, loss in zip(ws[::50], losses[::50]):  # every 50th row: w = 0, 0.5, ..., 4
    print(f"{w:4.1f}  {loss:6.2f}")
best = losses.argmin()
best_w = ws[best].item()
print(f"best w = {best_w:.2f}, loss = {losses[best]:.4f}")
# --8<-- [end:grid]

# --8<-- [start:plot]
fig, ax = figure(width=5.6, height=3.4)
ax.plot(ws.numpy(), losses.numpy())
ax.scatter([best_w], [losses[best].item()], color="C3", zorder=3, label=f"best w = {best_w:.2f}")
ax.set_xlabel("w")
ax.set_ylabel("loss (MSE)")
ax.legend()
print(svg(fig, alt="The loss against w is a U-shaped curve, 75.6 at w = 0, falling to its lowest point 0.48 at w = 2.23 and rising to 48 at w = 4."))
# --8<-- [end:plot]
