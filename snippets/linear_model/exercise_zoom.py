"""Exercise: a coarse-to-fine grid that zooms in on the best w (chapter: The linear model)."""
import torch

X = torch.tensor([1.0, 2.0, 3.0, 4.0, 5.0, 6.0])  # (6,) hours studied
y = torch.tensor([3.5, 4.5, 7.5, 8.5, 10.5, 13.5])  # (6,) exam points


def model(X, w, b=0.0):
    return X * w + b


def loss_fn(y_hat, y):
    return ((y_hat - y) ** 2).mean()


# --8<-- [start:solution]
low, high, evaluations = 0.0, 4.0, 0
for round_ in range(4):
    ws = torch.linspace(low, high, 11)  # (11,) ten equal steps across the current range
    losses = torch.stack([loss_fn(model(X, w), y) for w in ws])  # (11,)
    evaluations += len(ws)
    best_w = ws[losses.argmin()].item()
    step = (high - low) / 10
    print(f"round {round_}: step {step:.4f}, best w = {best_w:.4f}")
    low, high = best_w - step, best_w + step  # zoom in on the best and its neighbours
print(f"{evaluations} evaluations; one grid with the last step size needs {round(4 / step) + 1:,}")
# --8<-- [end:solution]
