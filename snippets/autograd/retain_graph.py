"""The graph is freed by backward; retain_graph=True keeps it (chapter: Backpropagation and autograd)."""
# --8<-- [start:imports]
import textwrap

import torch
# --8<-- [end:imports]

# --8<-- [start:second_backward]
x, y = torch.tensor(2.0), torch.tensor(4.5)  # the first example: 2 hours, 4.5 points
w = torch.tensor(1.0, requires_grad=True)
loss = (x * w - y) ** 2
loss.backward()  # frees the values the graph saved for the backward pass
try:
    loss.backward()
except RuntimeError as err:
    print("RuntimeError:", textwrap.fill(str(err), width=80))
# --8<-- [end:second_backward]

# --8<-- [start:retain]
w.grad = None
loss = (x * w - y) ** 2
loss.backward(retain_graph=True)  # keep the saved values for another pass
loss.backward()  # works, and adds to w.grad
print("w.grad after two backward calls:", w.grad)
# --8<-- [end:retain]
