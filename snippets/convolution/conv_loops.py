"""Many channels, a batch, padding and stride: convolution with a loop over output positions (chapter: Convolution from the ground up)."""
import torch
import torch.nn.functional as F


# --8<-- [start:loops]
def conv2d_loops(X, weight, bias, stride=1, padding=0):
    """X (B, C_in, H, W), weight (C_out, C_in, k_h, k_w), bias (C_out,) -> (B, C_out, H_out, W_out)."""
    X = F.pad(X, (padding, padding, padding, padding))  # zeros around the border: (B, C_in, H + 2p, W + 2p)
    B, C_in, H, W = X.shape
    C_out, _, k_h, k_w = weight.shape
    H_out, W_out = (H - k_h) // stride + 1, (W - k_w) // stride + 1
    Y = torch.zeros(B, C_out, H_out, W_out)
    for i in range(H_out):
        for j in range(W_out):
            top, left = i * stride, j * stride
            window = X[:, :, top:top + k_h, left:left + k_w]  # (B, C_in, k_h, k_w)
            # each output channel sums over ALL input channels and kernel positions:
            # (B, C_in*k_h*k_w) @ (C_in*k_h*k_w, C_out) -> (B, C_out)
            Y[:, :, i, j] = window.flatten(1) @ weight.flatten(1).T + bias
    return Y
# --8<-- [end:loops]


# --8<-- [start:check]
torch.manual_seed(0)
X = torch.randn(2, 3, 7, 7)  # (B, C_in, H, W): 2 images with 3 channels
weight = torch.randn(4, 3, 3, 3)  # (C_out, C_in, k_h, k_w): 4 filters, each 3 channels deep
bias = torch.randn(4)  # (C_out,)
for stride, padding in [(1, 0), (1, 1), (2, 1)]:
    Y = conv2d_loops(X, weight, bias, stride, padding)
    Y_torch = F.conv2d(X, weight, bias, stride=stride, padding=padding)
    print(f"stride {stride}, padding {padding}: output {tuple(Y.shape)}, "
          f"max |ours - F.conv2d| = {(Y - Y_torch).abs().max().item():.1e}, "
          f"allclose: {torch.allclose(Y, Y_torch, atol=1e-5)}")
# --8<-- [end:check]
