"""Add a bias: search (w, b) on a grid and draw the loss surface as contours (chapter: The linear model)."""
import torch

from torchsteps.plotting import figure, svg

X = torch.tensor([1.0, 2.0, 3.0, 4.0, 5.0, 6.0])  # (6,) hours studied
y = torch.tensor([3.5, 4.5, 7.5, 8.5, 10.5, 13.5])  # (6,) exam points


def model(X, w, b=0.0):
    return X * w + b


# --8<-- [start:surface]
ws = torch.linspace(0, 4, 401)  # (401,) w in steps of 0.01
bs = torch.linspace(-3, 5, 401)  # (401,) b in steps of 0.02
W, B = torch.meshgrid(ws, bs, indexing="ij")  # (401, 401) each: every (w, b) pair
y_hat = model(X, W[..., None], B[..., None])  # (401, 401, 6): all pairs, all students at once
surface = ((y_hat - y) ** 2).mean(dim=-1)  # (401, 401): the loss of every pair
i, j = divmod(surface.argmin().item(), len(bs))  # argmin counts in the flattened grid
best_w, best_b = ws[i].item(), bs[j].item()
print(f"{surface.numel():,} pairs tried")
print(f"best w = {best_w:.2f}, best b = {best_b:.2f}, loss = {surface[i, j]:.4f}")
# --8<-- [end:surface]

# --8<-- [start:plot]
fig, ax = figure(width=5.6, height=4.0)
levels = [0.5, 1, 3, 10, 30, 100]  # about x3 apart: the valley floor and its walls both show
contours = ax.contour(W.numpy(), B.numpy(), surface.numpy(), levels=levels, cmap="viridis")
ax.clabel(contours, fontsize=8, fmt="%g")
ax.axhline(0, color="gray", linestyle="--", label="b = 0: the curve of the last figure")
ax.scatter([best_w], [best_b], color="C3", zorder=3, label=f"best ({best_w:.2f}, {best_b:.2f})")
ax.set_xlabel("w")
ax.set_ylabel("b")
ax.legend()
print(svg(fig, alt="Contours of the loss over w from 0 to 4 and b from -3 to 5: long thin ellipses tilted down to the right, a narrow valley whose lowest point, at w = 1.97 and b = 1.10, is marked. A dashed line at b = 0 marks the slice that the model without a bias could reach."))
# --8<-- [end:plot]
