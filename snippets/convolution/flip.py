"""Convolution flips the kernel, cross-correlation does not; deep learning's "convolution" is the second (chapter: Convolution from the ground up)."""
import torch
import torch.nn.functional as F

# On the page these come from the worked example above.
X = torch.tensor([[1.0, 2.0, 0.0, 3.0], [4.0, 1.0, 2.0, 0.0], [1.0, 3.0, 1.0, 2.0], [2.0, 0.0, 4.0, 5.0]])  # (4, 4)
K = torch.tensor([[1.0, 0.0], [2.0, -1.0]])  # (2, 2)

# --8<-- [start:one_d]
import numpy as np

x = np.array([1.0, 2.0, 0.0, 3.0, 4.0])
k = np.array([1.0, 0.0, -1.0])  # not symmetric, so the flip shows
print("np.convolve   :", np.convolve(x, k, mode="valid"))  # the textbook convolution
print("np.correlate  :", np.correlate(x, k, mode="valid"))  # no flip
print("correlate with k[::-1]:", np.correlate(x, k[::-1], mode="valid"))  # flip, then correlate = convolve
xt = torch.tensor(x, dtype=torch.float32)[None, None]  # (1, 1, 5): batch and channel axes
kt = torch.tensor(k, dtype=torch.float32)[None, None]  # (1, 1, 3)
print("F.conv1d      :", F.conv1d(xt, kt)[0, 0].numpy())  # PyTorch's "convolution" does not flip
# --8<-- [end:one_d]

# --8<-- [start:two_d]
cross_correlation = F.conv2d(X[None, None], K[None, None])[0, 0]  # (3, 3)
convolution = F.conv2d(X[None, None], K.flip(0, 1)[None, None])[0, 0]  # flip both axes first
print("K flipped:\n", K.flip(0, 1))
print("cross-correlation:\n", cross_correlation)
print("convolution:\n", convolution)
# --8<-- [end:two_d]
