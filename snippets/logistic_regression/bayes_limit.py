"""The best accuracy any rule can reach on the two blobs (chapter: Logistic regression)."""
import torch

# --8<-- [start:bayes]
import math

# The blobs have unit spread around (-1, -1) and (1, 1). The best rule puts each point with the nearer centre:
# the midline x1 + x2 = 0. A point lands on the wrong side when its offset along (1, 1) / sqrt(2) exceeds the
# distance from its centre to the midline, sqrt(2), which happens with probability 1 - Phi(sqrt(2)).
distance = math.sqrt(2.0)
bayes = torch.special.ndtr(torch.tensor(distance)).item()  # Phi: the standard normal's cumulative distribution
print(f"best possible accuracy: Phi(sqrt 2) = {bayes:.3f}")

generator = torch.Generator().manual_seed(0)
X0 = torch.randn(1_000_000, 2, generator=generator) + torch.tensor([-1.0, -1.0])  # (1000000, 2) blob 0
print(f"a million points of blob 0, share on its side of the midline: {(X0.sum(dim=1) < 0).float().mean():.3f}")
# --8<-- [end:bayes]
