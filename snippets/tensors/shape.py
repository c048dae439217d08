"""Read a tensor's shape; view, reshape and resize_ it (chapter: Tensors)."""
import torch

# --8<-- [start:shape]
x = torch.arange(12)  # (12,)
print(x.size(), x.shape, x.size(0), x.shape[0], x.ndim, x.numel())
# --8<-- [end:shape]

# --8<-- [start:view]
m = x.view(3, 4)  # (3, 4): same 12 numbers, read in rows of 4
flat = m.view(-1)  # (12,): -1 means "whatever size makes the count match"
m[0, 0] = 100  # a view shares memory with its base
print(m, flat[0].item(), x[0].item(), sep="\n")
# --8<-- [end:view]

# --8<-- [start:reshape]
t = m.t()  # (4, 3): the transpose is a view with swapped strides
print(t.is_contiguous())
try:
    t.view(12)
except RuntimeError as error:  # view needs memory laid out in the new order
    print("view failed:", str(error).split(".")[0])
r = t.reshape(12)  # reshape copies when it must
print(r)
# --8<-- [end:reshape]

# --8<-- [start:resize]
y = torch.tensor([1.0, 2.0, 3.0, 4.0, 5.0, 6.0])  # (6,)
y.resize_(2, 3)  # trailing underscore: changes y itself, returns it too
print(y)
y.add_(1)  # in place: no new tensor is made
print(y)
z = y.add(1)  # out of place: y is left alone
print(y.sum().item(), z.sum().item())
# --8<-- [end:resize]
