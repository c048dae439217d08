"""Gradient descent on w alone, with the hand-derived gradient (chapter: Gradient descent)."""
import torch

X = torch.tensor([1.0, 2.0, 3.0, 4.0, 5.0, 6.0])  # (6,) hours studied
y = torch.tensor([3.5, 4.5, 7.5, 8.5, 10.5, 13.5])  # (6,) exam points


def model(X, w, b=0.0):
    return X * w + b


def loss_fn(y_hat, y):
    return ((y_hat - y) ** 2).mean()


def gradient_w(X, y, w):
    return (2 * X * (model(X, w) - y)).mean()


# --8<-- [start:settings]
lr = 0.01
num_steps = 20
# --8<-- [end:settings]

# --8<-- [start:descend]
w = torch.tensor(0.0)  # start from a line that predicts 0 points for everyone
print(f"step  0: w = {w:.4f}, loss = {loss_fn(model(X, w), y):.4f}")
for step in range(1, num_steps + 1):
    w = w - lr * gradient_w(X, y, w)  # a step downhill, in proportion to the slope
    if step <= 3 or step % 5 == 0:
        print(f"step {step:2}: w = {w:.4f}, loss = {loss_fn(model(X, w), y):.4f}")
# --8<-- [end:descend]
