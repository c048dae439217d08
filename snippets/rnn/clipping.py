"""Gradient clipping with torch.nn.utils.clip_grad_norm_ on the two RNNs of the gradient experiment (chapter: Recurrent networks)."""
import runpy
from pathlib import Path

import torch
import torch.nn.functional as F

# On its own, this file first runs gradients.py for gradient_norms; on the page it is already there.
gradient_norms = runpy.run_path(str(Path(__file__).with_name("gradients.py")))["gradient_norms"]

# --8<-- [start:settings]
max_norm = 1.0
# --8<-- [end:settings]

# --8<-- [start:clip]
def flat_grad(model: torch.nn.Module) -> torch.Tensor:
    """Every parameter's gradient in one vector: the norm that clipping measures."""
    return torch.cat([p.grad.flatten() for p in model.parameters()])


clipped = {}
for scale in (0.5, 3.0):
    _, rnn = gradient_norms(scale)  # the RNN after loss.backward(): its .grad fields are filled
    before = flat_grad(rnn).clone()
    # in a training loop this line sits between loss.backward() and optimizer.step()
    total = torch.nn.utils.clip_grad_norm_(rnn.parameters(), max_norm=max_norm)  # the norm before
    after = flat_grad(rnn)
    clipped[scale] = (before.norm().item(), after.norm().item())
    print(f"scale {scale}: norm before {total.item():.3e}, after {after.norm().item():.3e}, "
          f"same direction: {F.cosine_similarity(before, after, dim=0).item():.4f}")
# --8<-- [end:clip]
