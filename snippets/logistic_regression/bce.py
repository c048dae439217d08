"""Binary cross-entropy from scratch, checked against PyTorch (chapter: Logistic regression)."""
# --8<-- [start:imports]
import torch
import torch.nn.functional as F
from torch import nn

from torchsteps.plotting import figure, svg
# --8<-- [end:imports]


# --8<-- [start:scratch]
def bce(p: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """Mean binary cross-entropy of probabilities p for labels y in {0, 1}."""
    return -(y * torch.log(p) + (1 - y) * torch.log(1 - p)).mean()


p = torch.tensor([0.9, 0.2, 0.6])  # (3,) predicted P(y = 1)
y = torch.tensor([1.0, 0.0, 1.0])  # (3,) true labels
print(-(y * torch.log(p) + (1 - y) * torch.log(1 - p)))  # one loss per sample
print(bce(p, y))
# --8<-- [end:scratch]

# --8<-- [start:compare]
torch.manual_seed(0)
p = torch.rand(1000) * 0.98 + 0.01  # (1000,) probabilities kept away from 0 and 1
y = torch.randint(0, 2, (1000,)).float()  # (1000,) random labels
ours, theirs, module = bce(p, y), F.binary_cross_entropy(p, y), nn.BCELoss()(p, y)
print(ours, theirs, module)
print("max abs difference:", (ours - theirs).abs().item())
# --8<-- [end:compare]

# --8<-- [start:plot]
ps = torch.linspace(0.005, 0.995, 199)  # (199,)
fig, ax = figure(width=6.0, height=3.2)
ax.plot(ps.numpy(), (-torch.log(ps)).numpy(), label="y = 1: loss $-\\log p$")
ax.plot(ps.numpy(), (-torch.log(1 - ps)).numpy(), "--", label="y = 0: loss $-\\log(1-p)$")
ax.set_xlabel("predicted probability p that y = 1")
ax.set_ylabel("loss")
ax.legend(loc="upper center")
print(svg(fig, alt="Two curves: for a positive label the loss falls from large values at p near 0 to 0 at p = 1; for a negative label it mirrors that, growing without bound as p nears 1."))
# --8<-- [end:plot]
