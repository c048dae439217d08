"""The output-size formula, checked against real nn.Conv2d and nn.MaxPool2d layers (chapter: Convolution from the ground up)."""
import torch
from torch import nn

# --8<-- [start:imports]
from torchsteps.conv import output_size
# --8<-- [end:imports]

# --8<-- [start:settings]
cases = [  # (where you meet it, n, k, p, s)
    ("no padding", 28, 3, 0, 1),
    ("'same' padding", 28, 3, 1, 1),
    ("'same', 5x5", 28, 5, 2, 1),
    ("2x2 pooling", 28, 2, 0, 2),
    ("odd size", 7, 2, 0, 2),
    ("LeNet-5 conv 1", 32, 5, 0, 1),
    ("ResNet conv 1", 224, 7, 3, 2),
    ("ResNet pool", 112, 3, 1, 2),
]
# --8<-- [end:settings]

# --8<-- [start:table]
print("| case | n, k, p, s | formula | nn.Conv2d | nn.MaxPool2d |")
print("|---|---|---:|---:|---:|")
table = []
for note, n, k, p, s in cases:
    X_probe = torch.zeros(1, 1, n, n)  # (1, 1, n, n): only the shape matters
    with torch.no_grad():
        conv = nn.Conv2d(1, 1, kernel_size=k, stride=s, padding=p)(X_probe).shape[-1]
        pool = nn.MaxPool2d(kernel_size=k, stride=s, padding=p)(X_probe).shape[-1]
    table.append((n, k, p, s, output_size(n, k, stride=s, padding=p), conv, pool))
    print(f"| {note} | {n}, {k}, {p}, {s} | {table[-1][4]} | {conv} | {pool} |")
print(f"\nformula equals both layers in every row: {all(r[4] == r[5] == r[6] for r in table)}")
# --8<-- [end:table]
