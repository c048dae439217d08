"""Exercise: the learning rate that reaches the minimum in a single step (chapter: Gradient descent)."""
import torch

X = torch.tensor([1.0, 2.0, 3.0, 4.0, 5.0, 6.0])  # (6,) hours studied
y = torch.tensor([3.5, 4.5, 7.5, 8.5, 10.5, 13.5])  # (6,) exam points


def gradient_w(X, y, w):
    return (2 * X * (X * w - y)).mean()


curvature = 2 * (X**2).mean()

# --8<-- [start:solution]
lr = 1 / curvature  # the slope is curvature * (w - w*), so this step removes all of w - w*
w_star = (X * y).sum() / (X**2).sum()  # where the slope is zero
for start in (0.0, 5.0, -3.0):
    w = torch.tensor(start)
    w = w - lr * gradient_w(X, y, w)  # one step
    print(f"lr = {lr:.4f}: from w = {start:4} one step lands on {w:.4f}; w* = {w_star:.4f}")
# --8<-- [end:solution]
