"""Exercise: check the hand-derived gradients with finite differences (chapter: Gradient descent)."""
import torch

X = torch.tensor([1.0, 2.0, 3.0, 4.0, 5.0, 6.0])  # (6,) hours studied
y = torch.tensor([3.5, 4.5, 7.5, 8.5, 10.5, 13.5])  # (6,) exam points


def model(X, w, b=0.0):
    return X * w + b


def loss_fn(y_hat, y):
    return ((y_hat - y) ** 2).mean()


def gradients(X, y, w, b):
    residual = model(X, w, b) - y
    return (2 * X * residual).mean(), (2 * residual).mean()


# --8<-- [start:solution]
h = 1e-3  # a small nudge to each parameter
X64, y64 = X.double(), y.double()  # float64: the difference of two nearly equal losses needs the digits
for w, b in [(0.0, 0.0), (3.0, 1.0), (-1.5, 3.0)]:
    numeric_w = (loss_fn(model(X64, w + h, b), y64) - loss_fn(model(X64, w - h, b), y64)) / (2 * h)
    numeric_b = (loss_fn(model(X64, w, b + h), y64) - loss_fn(model(X64, w, b - h), y64)) / (2 * h)
    grad_w, grad_b = gradients(X64, y64, w, b)
    print(f"w = {w:4}, b = {b}: d/dw {grad_w:9.4f} by hand, {numeric_w:9.4f} numerically;"
          f" d/db {grad_b:8.4f} by hand, {numeric_b:8.4f} numerically")
# --8<-- [end:solution]
