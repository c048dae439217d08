"""The linear model y_hat = x * w, and a look at three candidate lines (chapter: The linear model)."""
import torch

# --8<-- [start:imports]
from torchsteps.plotting import figure, svg
# --8<-- [end:imports]

X = torch.tensor([1.0, 2.0, 3.0, 4.0, 5.0, 6.0])  # (6,) hours studied
y = torch.tensor([3.5, 4.5, 7.5, 8.5, 10.5, 13.5])  # (6,) exam points


# --8<-- [start:model]
def model(X, w, b=0.0):
    """Predict points from hours: one weight w per hour, plus a bias b (0 for now)."""
    return X * w + b  # (N,): broadcasting applies the same w and b to every student


y_hat = model(X, w=2.0)  # (6,)
print("y_hat:", y_hat.tolist())
print("error:", (y_hat - y).tolist())
# --8<-- [end:model]

# --8<-- [start:plot]
fig, ax = figure(width=5.6, height=3.4)
ax.scatter(X.numpy(), y.numpy(), color="black", zorder=3, label="students")
hours = torch.linspace(0, 7, 50)  # (50,) a fine range, so each line is drawn across the plot
for w in (1.0, 2.0, 3.0):
    ax.plot(hours.numpy(), model(hours, w).numpy(), label=f"w = {w}")
ax.set_xlabel("hours studied")
ax.set_ylabel("exam points")
ax.legend()
print(svg(fig, alt="The six students as dots, rising from 3.5 to 13.5 points, with the lines y = 1x, 2x and 3x through the origin; the line 2x passes closest to the dots."))
# --8<-- [end:plot]
