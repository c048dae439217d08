"""Exercise: does Kaiming initialisation rescue the plain stack's gradients? (chapter: Wider and deeper: Inception and residual blocks)."""
import runpy
from pathlib import Path

import torch
import torch.nn.functional as F
from torch import nn

# On its own, this file first runs gradient_flow.py for Stack, X and y; on the page they are already there.
_page = runpy.run_path(str(Path(__file__).with_name("gradient_flow.py")))
Stack, X, y, norms = _page["Stack"], _page["X"], _page["y"], _page["norms"]

# --8<-- [start:solution]
def kaiming_grad_norms(depth: int) -> list[float]:
    """The plain stack with Kaiming weights, std sqrt(2 / fan_in), and biases 0."""
    torch.manual_seed(0)
    model = Stack(depth, identity=False)
    for conv in model.layers:
        nn.init.kaiming_normal_(conv.weight, nonlinearity="relu")
        nn.init.zeros_(conv.bias)
    F.cross_entropy(model(X), y).backward()
    return [conv.weight.grad.norm().item() for conv in model.layers]


kaiming = {depth: kaiming_grad_norms(depth) for depth in (20, 40)}
for depth, grads in kaiming.items():
    default = norms[depth, False][0]
    print(f"{depth} plain layers: layer 1 {grads[0]:.1e} with Kaiming init, {default:.1e} with the default;"
          f" layer {depth} {grads[-1]:.1e}")
# --8<-- [end:solution]
