"""Convolution as unfold followed by one matrix product, checked against F.conv2d forward and backward (chapter: Convolution from the ground up)."""
import runpy
from pathlib import Path

import torch
import torch.nn.functional as F

# On its own, this file first runs conv_loops.py; on the page X, weight and bias are already there.
_page = runpy.run_path(str(Path(__file__).with_name("conv_loops.py")))
X, weight, bias = _page["X"], _page["weight"], _page["bias"]


# --8<-- [start:unfold]
def conv2d_unfold(X, weight, bias, stride=1, padding=0):
    """X (B, C_in, H, W), weight (C_out, C_in, k_h, k_w), bias (C_out,) -> (B, C_out, H_out, W_out)."""
    B, C_in, H, W = X.shape
    C_out, _, k_h, k_w = weight.shape
    H_out = (H + 2 * padding - k_h) // stride + 1
    W_out = (W + 2 * padding - k_w) // stride + 1
    cols = F.unfold(X, (k_h, k_w), padding=padding, stride=stride)  # (B, C_in*k_h*k_w, H_out*W_out)
    # (C_out, C_in*k_h*k_w) @ (B, C_in*k_h*k_w, L) -> (B, C_out, L); the bias (C_out, 1) broadcasts over L
    Y = weight.flatten(1) @ cols + bias[:, None]
    return Y.view(B, C_out, H_out, W_out)  # the L = H_out*W_out positions back into a grid


for stride, padding in [(1, 0), (1, 1), (2, 1)]:
    cols = F.unfold(X, (3, 3), padding=padding, stride=stride)
    Y = conv2d_unfold(X, weight, bias, stride, padding)
    Y_torch = F.conv2d(X, weight, bias, stride=stride, padding=padding)
    print(f"stride {stride}, padding {padding}: cols {tuple(cols.shape)} -> output {tuple(Y.shape)}, "
          f"allclose to F.conv2d: {torch.allclose(Y, Y_torch, atol=1e-5)}")
# --8<-- [end:unfold]

# --8<-- [start:gradients]
params = [t.clone().requires_grad_() for t in (X, weight, bias)]  # leaves for our version
params_torch = [t.clone().requires_grad_() for t in (X, weight, bias)]  # and separate ones for F.conv2d
grad_Y = torch.randn(2, 4, 4, 4)  # (B, C_out, H_out, W_out): any upstream gradient will do
conv2d_unfold(*params, stride=2, padding=1).backward(grad_Y)
F.conv2d(*params_torch, stride=2, padding=1).backward(grad_Y)
for name, ours, theirs in zip(["X", "weight", "bias"], params, params_torch):
    print(f"d/d{name}: shape {tuple(ours.grad.shape)}, "
          f"allclose: {torch.allclose(ours.grad, theirs.grad, atol=1e-4)}")
# the gradient for the input is itself a convolution: a transposed one, with the same weights
grad_X = F.conv_transpose2d(grad_Y, weight, stride=2, padding=1)  # (2, 3, 7, 7)
print("d/dX = conv_transpose2d(grad_Y, weight):", torch.allclose(params[0].grad, grad_X, atol=1e-4))
# --8<-- [end:gradients]
