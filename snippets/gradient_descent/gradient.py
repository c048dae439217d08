"""The slope of the MSE with respect to w, derived by hand (chapter: Gradient descent)."""
# --8<-- [start:imports]
import torch
# --8<-- [end:imports]

# --8<-- [start:setup]
X = torch.tensor([1.0, 2.0, 3.0, 4.0, 5.0, 6.0])  # (6,) hours studied
y = torch.tensor([3.5, 4.5, 7.5, 8.5, 10.5, 13.5])  # (6,) exam points


def model(X, w, b=0.0):
    return X * w + b


def loss_fn(y_hat, y):
    return ((y_hat - y) ** 2).mean()
# --8<-- [end:setup]


# --8<-- [start:gradient]
def gradient_w(X, y, w):
    """d loss / d w for the MSE of y_hat = X * w: the mean of 2 * x * (x * w - y)."""
    return (2 * X * (model(X, w) - y)).mean()


for w in (0.0, 2.0, 2.5):
    print(f"w = {w}: loss = {loss_fn(model(X, w), y):7.4f}, slope = {gradient_w(X, y, w):8.4f}")
# --8<-- [end:gradient]
