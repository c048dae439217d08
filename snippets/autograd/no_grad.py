"""Computing without recording a graph: no_grad, set_grad_enabled and detach (chapter: Backpropagation and autograd)."""
# --8<-- [start:imports]
import torch
# --8<-- [end:imports]

# --8<-- [start:settings]
lr = 0.1
# --8<-- [end:settings]

# --8<-- [start:no_grad]
x, y = torch.tensor(2.0), torch.tensor(4.5)  # the first example: 2 hours, 4.5 points
w = torch.tensor(1.0, requires_grad=True)
with torch.no_grad():  # nothing inside is recorded
    y_hat = x * w
print("no_grad:           ", y_hat.requires_grad, y_hat.grad_fn)

is_training = False
with torch.set_grad_enabled(is_training):  # the same switch, driven by a flag
    y_hat = x * w
print("set_grad_enabled:  ", y_hat.requires_grad, y_hat.grad_fn)

w_value = w.detach()  # same storage, cut out of the graph
print("detach:            ", w_value.requires_grad, w_value.data_ptr() == w.data_ptr())
# --8<-- [end:no_grad]

# --8<-- [start:update]
loss = (x * w - y) ** 2
loss.backward()
with torch.no_grad():  # the update itself must not become part of the graph
    w -= lr * w.grad
w.grad = None
print(f"w after one step: {w.item():.4f}   still a leaf: {w.is_leaf}   requires_grad: {w.requires_grad}")
# --8<-- [end:update]

# --8<-- [start:refused]
try:
    w -= lr * 1.0  # the same update, with recording on
except RuntimeError as error:
    print("RuntimeError:", error)
print(f"w is unchanged: {w.item():.4f}")
# --8<-- [end:refused]
