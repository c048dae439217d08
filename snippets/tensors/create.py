"""Create tensors from data, from shapes and from ranges; read their dtype (chapter: Tensors)."""
# --8<-- [start:imports]
import torch
# --8<-- [end:imports]

# --8<-- [start:from_data]
x = torch.tensor([[1, 2, 3], [4, 5, 6]])  # (2, 3), integers in, int64 out
print(x)
print(x.dtype)
# --8<-- [end:from_data]

# --8<-- [start:from_shape]
torch.manual_seed(0)  # random tensors repeat from build to build
zeros = torch.zeros(2, 3)  # (2, 3)
ones = torch.ones(2, 3, dtype=torch.int32)  # (2, 3)
noise = torch.randn(2, 3)  # (2, 3), standard normal
steps = torch.arange(0, 1, 0.25)  # (4,), stop is excluded
grid = torch.linspace(0, 1, 5)  # (5,), stop is included
print(zeros, ones, noise, steps, grid, sep="\n")
# --8<-- [end:from_shape]

# --8<-- [start:dtypes]
a = torch.tensor([1.5, 2.5])  # Python floats become float32, torch's default
b = a.to(torch.float64)  # a new tensor with the wider dtype
c = a.int()  # truncates towards zero
mixed = torch.tensor([1, 2]) + a  # int64 + float32 promotes to float32
print(a.dtype, b.dtype, c, mixed.dtype)
# --8<-- [end:dtypes]
