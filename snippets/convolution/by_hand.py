"""A 2-D cross-correlation worked by hand, then with four loops (chapter: Convolution from the ground up)."""
# --8<-- [start:imports]
import torch
import torch.nn.functional as F
from torch import nn
# --8<-- [end:imports]

# --8<-- [start:worked]
X = torch.tensor([[1.0, 2.0, 0.0, 3.0],
                  [4.0, 1.0, 2.0, 0.0],
                  [1.0, 3.0, 1.0, 2.0],
                  [2.0, 0.0, 4.0, 5.0]])  # (4, 4) input
K = torch.tensor([[1.0, 0.0],
                  [2.0, -1.0]])  # (2, 2) kernel
i, j = 1, 1  # the output entry to work out: its window starts at row 1, column 1
window = X[i:i + 2, j:j + 2]  # (2, 2)
pairs = zip(window.flatten().tolist(), K.flatten().tolist())  # (input, weight), row by row
terms = " + ".join(f"{x:g}·{k:g}" if k >= 0 else f"{x:g}·({k:g})" for x, k in pairs)
print("window:", window.tolist())
print(f"Y[{i}, {j}] = {terms} = {(window * K).sum().item():g}")
# --8<-- [end:worked]


# --8<-- [start:loops]
def correlate2d(X: torch.Tensor, K: torch.Tensor) -> torch.Tensor:
    """Slide K over X (no padding, stride 1): the formula, one multiply-add at a time."""
    n_h, n_w = X.shape
    k_h, k_w = K.shape
    Y = torch.zeros(n_h - k_h + 1, n_w - k_w + 1)  # one entry per position the kernel fits
    for i in range(Y.shape[0]):
        for j in range(Y.shape[1]):
            for a in range(k_h):
                for b in range(k_w):
                    Y[i, j] += X[i + a, j + b] * K[a, b]
    return Y


Y = correlate2d(X, K)  # (3, 3)
print(Y)
# F.conv2d wants a batch axis and a channel axis: (1, 1, 4, 4) input, (1, 1, 2, 2) weight
print(torch.equal(Y, F.conv2d(X[None, None], K[None, None])[0, 0]))
# --8<-- [end:loops]
