"""Autograd computes the hand-derived gradient of loss = (xw - y)^2, and records the graph in grad_fn (chapter: Backpropagation and autograd)."""
# --8<-- [start:imports]
import torch
# --8<-- [end:imports]

# --8<-- [start:requires_grad]
x = torch.tensor(2.0)
y = torch.tensor(4.5)
w = torch.tensor(1.0, requires_grad=True)  # a leaf: autograd tracks what is computed from it
loss = (x * w - y) ** 2
print(loss)
print("requires_grad:", x.requires_grad, w.requires_grad, loss.requires_grad)
print("w.grad before backward:", w.grad)
loss.backward()  # runs the backward pass from loss to every leaf that requires grad
print("w.grad after backward: ", w.grad)
# --8<-- [end:requires_grad]

# --8<-- [start:grad_fn]
def walk(fn, depth=0):
    """Print the backward graph that starts at ``fn``, one step per line."""
    name = type(fn).__name__ if fn is not None else "None (an input that needs no gradient)"
    print("    " * depth + name)
    for next_fn, _ in getattr(fn, "next_functions", ()):
        walk(next_fn, depth + 1)


walk(loss.grad_fn)
accumulate = loss.grad_fn.next_functions[0][0].next_functions[0][0].next_functions[1][0]
print("the AccumulateGrad node writes into w.grad:", accumulate.variable is w)
# --8<-- [end:grad_fn]
