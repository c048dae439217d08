"""Exercise: the gradients of loss = (xw + b - y)^2 by hand and by autograd (chapter: Backpropagation and autograd)."""
import torch

# --8<-- [start:solution]
x, w, b, y = 2.0, 1.0, 0.5, 4.5
r = x * w + b - y  # forward: r = -2
grad_w = 2 * r * x  # chain rule: d(r^2)/dr * dr/dw
grad_b = 2 * r * 1.0  # chain rule: d(r^2)/dr * dr/db
print(f"by hand:  grad_w = {grad_w}   grad_b = {grad_b}")

w_t = torch.tensor(w, requires_grad=True)
b_t = torch.tensor(b, requires_grad=True)
loss = (x * w_t + b_t - y) ** 2
loss.backward()
print(f"autograd: grad_w = {w_t.grad.item()}   grad_b = {b_t.grad.item()}")
# --8<-- [end:solution]
