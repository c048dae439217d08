"""Gradient descent on w and b together, checked against the closed-form answer (chapter: Gradient descent)."""
import torch

from torchsteps.plotting import figure, svg

X = torch.tensor([1.0, 2.0, 3.0, 4.0, 5.0, 6.0])  # (6,) hours studied
y = torch.tensor([3.5, 4.5, 7.5, 8.5, 10.5, 13.5])  # (6,) exam points


def model(X, w, b=0.0):
    return X * w + b


def loss_fn(y_hat, y):
    return ((y_hat - y) ** 2).mean()


# --8<-- [start:gradients]
def gradients(X, y, w, b):
    """d loss / d w and d loss / d b for the MSE of y_hat = X * w + b."""
    residual = model(X, w, b) - y  # (N,) the errors y_hat - y
    return (2 * X * residual).mean(), (2 * residual).mean()
# --8<-- [end:gradients]


# --8<-- [start:settings]
lr = 0.05
num_steps = 1000
# --8<-- [end:settings]

# --8<-- [start:fit]
w, b = torch.tensor(0.0), torch.tensor(0.0)
path = [(w, b)]
for step in range(1, num_steps + 1):
    grad_w, grad_b = gradients(X, y, w, b)
    w, b = w - lr * grad_w, b - lr * grad_b  # both from the gradient at the same point
    path.append((w, b))
    if step in (1, 10, 100, 300, 1000):
        print(f"step {step:4}: w = {w:.4f}, b = {b:.4f}, loss = {loss_fn(model(X, w, b), y):.4f}")
# --8<-- [end:fit]

# --8<-- [start:closed_form]
x_mean, y_mean = X.mean(), y.mean()
w_star = ((X - x_mean) * (y - y_mean)).sum() / ((X - x_mean) ** 2).sum()
b_star = y_mean - w_star * x_mean
print(f"closed form: w = {w_star:.4f}, b = {b_star:.4f}")
# --8<-- [end:closed_form]

# --8<-- [start:within]
b_path = torch.stack([b for _, b in path])  # (num_steps + 1,) b after each step
far = (b_path - b_star).abs() >= 0.01
steps_to_settle = int(far.nonzero().max()) + 1  # from here on b stays within 0.01 of b*
print(f"b is within 0.01 of b* from step {steps_to_settle} on")
# --8<-- [end:within]

# --8<-- [start:plot]
W, B = torch.meshgrid(torch.linspace(0, 4, 201), torch.linspace(-3, 5, 201), indexing="ij")  # (201, 201)
surface = ((model(X, W[..., None], B[..., None]) - y) ** 2).mean(dim=-1)  # (201, 201)
fig, ax = figure(width=5.6, height=4.0)
ax.contour(W.numpy(), B.numpy(), surface.numpy(), levels=[0.5, 1, 3, 10, 30, 100], cmap="viridis")
steps = torch.tensor([[w, b] for w, b in path[:301]])  # (301, 2) the first 300 steps
ax.plot(steps[:, 0].numpy(), steps[:, 1].numpy(), "o-", color="C3", markersize=2, linewidth=1, label="gradient descent")
ax.scatter([w_star.item()], [b_star.item()], marker="*", s=120, color="black", zorder=3, label="closed form")
ax.set_xlabel("w")
ax.set_ylabel("b")
ax.legend()
print(svg(fig, alt="The first 300 steps of gradient descent on the contour map of the loss. From (0, 0) the first step overshoots to w = 3.4; the next few zigzag across the narrow valley with shrinking jumps; then the path creeps along the valley floor, up and to the left, to the closed-form answer at w = 1.97, b = 1.10, marked with a star."))
# --8<-- [end:plot]
