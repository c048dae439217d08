"""Which dtype a mixed operation returns: PyTorch's type promotion (chapter: Tensors)."""
import torch

# --8<-- [start:promotion]
f32 = torch.ones(3)  # float32
i64 = torch.ones(3, dtype=torch.int64)
i8 = torch.ones(3, dtype=torch.int8)
cases = {
    "int64 tensor + float32 tensor": i64 + f32,  # a higher category (float beats int) wins
    "float32 tensor + float64 tensor": f32 + f32.double(),  # same category, both with dims: the wider one
    "float32 tensor + float64 0-dim tensor": f32 + torch.tensor(1.0, dtype=torch.float64),  # 0-dim does not widen
    "int8 tensor + Python int": i8 + 1,  # a Python scalar does not widen either
    "int8 tensor + Python float": i8 + 0.5,  # but a higher category still wins: the default float dtype
    "int64 tensor / int64 tensor": i64 / i64,  # true division always gives a float
}
for name, result in cases.items():
    print(f"{name:38} -> {result.dtype}")
print("torch.result_type(i8, 1000):", torch.result_type(i8, 1000), " so", (i8 * 1000)[0].item(), "wraps around")
# --8<-- [end:promotion]
