"""torch.from_numpy and .numpy() share memory (chapter: Tensors)."""
# --8<-- [start:imports]
import numpy
import torch
# --8<-- [end:imports]

# --8<-- [start:bridge]
a = numpy.array([1.0, 2.0, 3.0])  # float64 in NumPy
t = torch.from_numpy(a)  # (3,) float64, no copy
a[0] = 100.0  # change the NumPy array ...
print(t)  # ... and the tensor sees it
t.mul_(2)  # change the tensor in place ...
print(a)  # ... and the array sees it
back = t.numpy()  # still the same memory
print(numpy.shares_memory(a, back))
copy = torch.tensor(a)  # torch.tensor always copies
a[1] = -1.0
print(copy[1].item(), t[1].item())
# --8<-- [end:bridge]
