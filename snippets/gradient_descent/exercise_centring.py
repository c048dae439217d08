"""Exercise: centring the hours turns the narrow valley round and speeds gradient descent up (chapter: Gradient descent)."""
import torch

X = torch.tensor([1.0, 2.0, 3.0, 4.0, 5.0, 6.0])  # (6,) hours studied
y = torch.tensor([3.5, 4.5, 7.5, 8.5, 10.5, 13.5])  # (6,) exam points


def gradients(X, y, w, b):
    residual = X * w + b - y
    return (2 * X * residual).mean(), (2 * residual).mean()


# --8<-- [start:solution]
def steps_to_converge(X, y, lr=0.05, tol=1e-4, max_steps=5000):
    """Gradient descent from (0, 0) until both slopes are below tol; returns the step count, w and b."""
    w, b = torch.tensor(0.0), torch.tensor(0.0)
    for step in range(1, max_steps + 1):
        grad_w, grad_b = gradients(X, y, w, b)
        w, b = w - lr * grad_w, b - lr * grad_b
        if max(grad_w.abs(), grad_b.abs()) < tol:
            return step, w, b
    raise RuntimeError(f"no convergence in {max_steps} steps")


X_centred = X - X.mean()  # (6,) hours above or below the average of 3.5
for name, inputs in [("hours", X), ("hours - 3.5", X_centred)]:
    step, w, b = steps_to_converge(inputs, y)
    print(f"{name:>11}: {step:3} steps, w = {w:.4f}, b = {b:.4f}")
# --8<-- [end:solution]
