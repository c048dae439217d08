"""Check autograd against finite differences, by hand and with torch.autograd.gradcheck (chapter: Backpropagation and autograd)."""
# --8<-- [start:imports]
import torch
# --8<-- [end:imports]


# --8<-- [start:finite_difference]
def two_layer_loss(w1, w2, x, y):
    return (w2 * torch.sigmoid(w1 * x) - y) ** 2


eps = 1e-6
for dtype in (torch.float32, torch.float64):
    w1, w2, x, y = (torch.tensor(v, dtype=dtype) for v in (0.0, 2.0, 2.0, 2.0))
    slope = (two_layer_loss(w1 + eps, w2, x, y) - two_layer_loss(w1 - eps, w2, x, y)) / (2 * eps)
    print(f"{str(dtype):14} central difference for d loss/d w1: {slope.item():.8f}   (by hand: -2)")
# --8<-- [end:finite_difference]

# --8<-- [start:gradcheck]
torch.manual_seed(0)
inputs = (
    torch.randn(5, dtype=torch.float64, requires_grad=True),  # w1, five points at once
    torch.randn(5, dtype=torch.float64, requires_grad=True),  # w2
    torch.randn(5, dtype=torch.float64),  # x: no gradient needed, not checked
    torch.randn(5, dtype=torch.float64),  # y
)
print("gradcheck passed:", torch.autograd.gradcheck(two_layer_loss, inputs, eps=1e-6, atol=1e-5))
# --8<-- [end:gradcheck]
