"""im2col on the worked example: every window becomes a column, and the convolution one matrix product (chapter: Convolution from the ground up)."""
import runpy
from pathlib import Path

import torch
import torch.nn.functional as F

# On its own, this file first runs by_hand.py; on the page X, K and Y are already there.
_page = runpy.run_path(str(Path(__file__).with_name("by_hand.py")))
X, K, Y = _page["X"], _page["K"], _page["Y"]

# --8<-- [start:unfold]
# (1, 1, 4, 4) -> (1, 4, 9) -> (4, 9): column p holds window p, flattened row by row
cols = F.unfold(X[None, None], kernel_size=2)[0]
print(cols)
Y_mm = (K.flatten() @ cols).view(3, 3)  # (4,) @ (4, 9) -> (9,) -> (3, 3): a dot product per window
print(Y_mm)
print(torch.equal(Y_mm, Y))
# --8<-- [end:unfold]
