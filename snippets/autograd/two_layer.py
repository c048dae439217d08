"""Backpropagation through y_hat = w2 * sigmoid(w1 * x) by hand, with numbers, then by autograd (chapter: Backpropagation and autograd)."""
# --8<-- [start:imports]
import math
# --8<-- [end:imports]

import torch

# --8<-- [start:forward]
x, w1, w2, y = 2.0, 0.0, 2.0, 2.0
z = w1 * x  # first layer
h = 1 / (1 + math.exp(-z))  # sigmoid squashes z into (0, 1)
y_hat = w2 * h  # second layer
r = y_hat - y
loss = r**2
print(f"z = {z}   h = {h}   y_hat = {y_hat}   r = {r}   loss = {loss}")
# --8<-- [end:forward]

# --8<-- [start:backward]
grad_r = 2 * r * 1.0  # local 2r, times d(loss)/d(loss) = 1
grad_y_hat = 1.0 * grad_r  # local d(y_hat - y)/d(y_hat) = 1
grad_w2 = h * grad_y_hat  # local d(w2 h)/d(w2) = h
grad_h = w2 * grad_y_hat  # local d(w2 h)/dh = w2
grad_z = h * (1 - h) * grad_h  # local sigmoid'(z) = h(1 - h)
grad_w1 = x * grad_z  # local d(w1 x)/d(w1) = x
rows = [
    ("r = ŷ − y", "∂loss/∂r = 2r", 2 * r, 1.0, grad_r),
    ("ŷ = w₂h", "∂r/∂ŷ = 1", 1.0, grad_r, grad_y_hat),
    ("w₂", "∂ŷ/∂w₂ = h", h, grad_y_hat, grad_w2),
    ("h = σ(z)", "∂ŷ/∂h = w₂", w2, grad_y_hat, grad_h),
    ("z = w₁x", "∂h/∂z = h(1 − h)", h * (1 - h), grad_h, grad_z),
    ("w₁", "∂z/∂w₁ = x", x, grad_z, grad_w1),
]
print("| node | local derivative | value | × gradient above | = ∂loss/∂node |")
print("| --- | --- | ---: | ---: | ---: |")
for node, formula, local, above, grad in rows:
    print(f"| {node} | {formula} | {local:g} | × {above:g} | **{grad:g}** |")
# --8<-- [end:backward]

# --8<-- [start:autograd]
x, y = 2.0, 2.0  # the two-layer example
w1 = torch.tensor(0.0, requires_grad=True)
w2 = torch.tensor(2.0, requires_grad=True)
loss = (w2 * torch.sigmoid(w1 * x) - y) ** 2
loss.backward()
print(f"autograd: w1.grad = {w1.grad.item()}   w2.grad = {w2.grad.item()}")
print(f"by hand:  grad_w1 = {grad_w1}   grad_w2 = {grad_w2}")
# --8<-- [end:autograd]
