"""Forward and backward pass of loss = (xw - y)^2 by hand, with numbers (chapter: Backpropagation and autograd)."""

# --8<-- [start:settings]
x, w, y = 2.0, 1.0, 4.5  # 2 hours studied, 4.5 points scored; w = 1 is a first guess
# --8<-- [end:settings]

# --8<-- [start:forward]
y_hat = x * w  # the prediction
r = y_hat - y  # the residual: how far off it is
loss = r**2
print(f"y_hat = {y_hat}   r = {r}   loss = {loss}")
# --8<-- [end:forward]

# --8<-- [start:backward]
local_r = 2 * r  # d(r^2)/dr
local_y_hat = 1.0  # d(y_hat - y)/d(y_hat)
local_w = x  # d(xw)/dw
grad_loss = 1.0  # d(loss)/d(loss): where every backward pass starts
grad_r = local_r * grad_loss  # each gradient: local derivative times the gradient above it
grad_y_hat = local_y_hat * grad_r
grad_w = local_w * grad_y_hat
rows = [
    ("loss = r²", "", None, None, grad_loss),
    ("r = ŷ − y", "∂loss/∂r = 2r", local_r, grad_loss, grad_r),
    ("ŷ = xw", "∂r/∂ŷ = 1", local_y_hat, grad_r, grad_y_hat),
    ("w", "∂ŷ/∂w = x", local_w, grad_y_hat, grad_w),
]
print("| node | local derivative | value | × gradient above | = ∂loss/∂node |")
print("| --- | --- | ---: | ---: | ---: |")
for node, formula, local, above, grad in rows:
    local_text = "" if local is None else f"{local:g}"
    above_text = "" if above is None else f"× {above:g}"
    print(f"| {node} | {formula} | {local_text} | {above_text} | **{grad:g}** |")
# --8<-- [end:backward]
