"""Gradients add up across backward calls until they are zeroed (chapter: Backpropagation and autograd)."""
# --8<-- [start:imports]
import torch
# --8<-- [end:imports]

# --8<-- [start:accumulate]
x, y = torch.tensor(2.0), torch.tensor(4.5)  # the first example: 2 hours, 4.5 points
w = torch.tensor(1.0, requires_grad=True)
for call in (1, 2, 3):
    loss = (x * w - y) ** 2  # a fresh graph, same numbers
    loss.backward()
    print(f"after backward call {call}: w.grad = {w.grad.item()}")

w.grad.zero_()  # reset in place, as optimizer.zero_grad(set_to_none=False) would
print("after zero_():", w.grad)
w.grad = None  # what optimizer.zero_grad() does by default
loss = (x * w - y) ** 2
loss.backward()
print("after reset and one call:", w.grad)
# --8<-- [end:accumulate]
