"""Exercise: differentiate GELU by hand and check the result against autograd (chapter: MLPs, activations and initialisation)."""
# --8<-- [start:imports]
import math
# --8<-- [end:imports]

import torch
import torch.nn.functional as F

# --8<-- [start:solution]
x = torch.linspace(-4, 4, 161, dtype=torch.float64, requires_grad=True)  # float64: compare to many digits
(autograd_slope,) = torch.autograd.grad(F.gelu(x).sum(), x)
x = x.detach()
Phi = 0.5 * (1 + torch.erf(x / math.sqrt(2)))  # standard normal CDF
phi = torch.exp(-x**2 / 2) / math.sqrt(2 * math.pi)  # standard normal density
by_hand = Phi + x * phi  # product rule on x * Phi(x)
print(f"largest difference: {(by_hand - autograd_slope).abs().max():.1e}")
print(f"smallest slope {by_hand.min():.4f} at x = {x[by_hand.argmin()]:.2f}")
# --8<-- [end:solution]
