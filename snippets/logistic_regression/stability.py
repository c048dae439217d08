"""Why BCEWithLogitsLoss: the naive sigmoid-then-log overflows on large logits (chapter: Logistic regression)."""
import torch
import torch.nn.functional as F
from torch import nn

# --8<-- [start:naive]
z = torch.tensor([2.0, 100.0, -1000.0, -1000.0])  # (4,) float32 logits, the last three extreme
y = torch.tensor([1.0, 0.0, 1.0, 0.0])  # (4,) labels
p = torch.sigmoid(z)
print("sigmoid(z):", p.tolist())  # sigma(100) rounds to 1.0 and sigma(-1000) to 0.0
naive = -(y * torch.log(p) + (1 - y) * torch.log(1 - p))  # log(0) = -inf, and 0 * -inf = nan
clamped = nn.BCELoss(reduction="none")(p, y)  # BCELoss clamps each log at -100
logits = nn.BCEWithLogitsLoss(reduction="none")(z, y)  # takes z itself, never forms p
exact = torch.log1p(torch.exp(z.double())) - y * z  # log(1 + e^z) - y z; e^100 fits in float64
for name, loss in [("naive", naive), ("BCELoss", clamped), ("BCEWithLogitsLoss", logits), ("exact", exact)]:
    print(f"{name:>17}:", "".join(f"{v:10.4f}" for v in loss.tolist()))
print("mean loss, naive:", naive.mean().item(), " with logits:", nn.BCEWithLogitsLoss()(z, y).item())
# --8<-- [end:naive]


# --8<-- [start:stable]
def bce_with_logits(z: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """log(1 + e^z) - y z, written as max(z, 0) + log(1 + e^-|z|) - y z so nothing overflows."""
    return (z.clamp(min=0) + torch.log1p(torch.exp(-z.abs())) - y * z).mean()


print(bce_with_logits(z, y), F.binary_cross_entropy_with_logits(z, y))
torch.manual_seed(0)
z_big = torch.randn(1000) * 50  # (1000,) logits, many far from 0
y_big = torch.randint(0, 2, (1000,)).float()
gap = (bce_with_logits(z_big, y_big) - F.binary_cross_entropy_with_logits(z_big, y_big)).abs()
print("max abs difference:", gap.item())
# --8<-- [end:stable]
