"""The receptive field of a small stack, by the formula and measured with gradients (chapter: Convolution from the ground up)."""
import torch
from torch import nn

# --8<-- [start:settings]
stack = [  # (name, kernel size k, stride s)
    ("conv 3x3", 3, 1), ("conv 3x3", 3, 1), ("pool 2x2", 2, 2),
    ("conv 3x3", 3, 1), ("conv 3x3", 3, 1), ("pool 2x2", 2, 2),
]
size = 32  # input height and width: no receptive field here reaches the border
# --8<-- [end:settings]

# --8<-- [start:measure]
layers = []
for name, k, s in stack:
    if name.startswith("conv"):
        layer = nn.Conv2d(1, 1, k, padding=k // 2, bias=False)
        nn.init.ones_(layer.weight)  # all weights 1: every input inside the field adds, none cancels
    else:
        layer = nn.AvgPool2d(k, s)  # average, not max: the gradient reaches every pixel of a window
    layers.append(layer)

r, j = 1, 1  # receptive field and jump before any layer: one pixel, neighbours 1 pixel apart
footprints = []  # the input gradient of one output pixel, after each layer
print("| layer | k | s | jump j into it | r + (k − 1)·j | measured |")
print("|---|---:|---:|---:|---:|---:|")
for depth, (name, k, s) in enumerate(stack, start=1):
    r = r + (k - 1) * j  # k - 1 more steps of j input pixels each
    X_probe = torch.zeros(1, 1, size, size, requires_grad=True)  # (1, 1, 32, 32)
    out = nn.Sequential(*layers[:depth])(X_probe)  # (1, 1, H_out, W_out)
    out[0, 0, out.shape[2] // 2, out.shape[3] // 2].backward()  # one output pixel near the middle
    footprint = X_probe.grad[0, 0]  # (32, 32): nonzero exactly where that pixel looks
    footprints.append(footprint)
    measured = (footprint != 0).any(dim=1).sum().item()  # rows the gradient reaches
    print(f"| {depth}: {name} | {k} | {s} | {j} | {r} | {measured} |")
    j = j * s  # a stride of s spreads the next layer's inputs s times further apart
# --8<-- [end:measure]
