"""Exercise: dilation spreads the kernel's taps apart; extend the output-size formula and check it (chapter: Convolution from the ground up)."""
import torch
from torch import nn

# --8<-- [start:solution]
import itertools

from torchsteps.conv import output_size

checked = 0
for n, k, d, p, s in itertools.product(range(5, 16), (2, 3), (1, 2, 3), (0, 1, 2), (1, 2)):
    span = d * (k - 1) + 1  # a k-tap kernel with gaps of d - 1 between taps covers this many positions
    if span > n + 2 * p:
        continue  # the kernel does not fit: no output
    formula = (n + 2 * p - span) // s + 1
    layer = nn.Conv2d(1, 1, k, stride=s, padding=p, dilation=d)
    with torch.no_grad():
        assert formula == layer(torch.zeros(1, 1, n, n)).shape[-1] == output_size(n, k, s, p, d)
    checked += 1
print(f"(n + 2p - d(k - 1) - 1) // s + 1 matches nn.Conv2d in all {checked} cases")
print("one 3x3 kernel with dilation 2 spans", 2 * (3 - 1) + 1, "pixels, with 9 weights instead of 25")
# --8<-- [end:solution]
