"""Softmax before CrossEntropyLoss: a loss with a floor, and gradients that vanish (chapter: Softmax classification)."""
import torch
from torch import nn

# --8<-- [start:imports]
import math
# --8<-- [end:imports]

loss_fn = nn.CrossEntropyLoss()

# --8<-- [start:floor]
y = torch.tensor([3])  # the true class
perfect = torch.full((1, 10), -20.0)
perfect[0, 3] = 20.0  # (1, 10) logits: certain, and right
print(f"right:  loss_fn(logits, y)          = {loss_fn(perfect, y).item():.4f}")
print(f"wrong:  loss_fn(softmax(logits), y) = {loss_fn(perfect.softmax(dim=1), y).item():.4f}")
print(f"the floor, log(1 + 9/e)            = {math.log(1 + 9 / math.e):.4f}")
# --8<-- [end:floor]


# --8<-- [start:gradients]
def gradient_size(logits: torch.Tensor, softmax_first: bool) -> float:
    """Length of d loss / d logits: how hard training pushes on these logits."""
    logits = logits.clone().requires_grad_(True)
    loss = loss_fn(logits.softmax(dim=1) if softmax_first else logits, y)
    loss.backward()
    return logits.grad.norm().item()


cases = {"unsure": torch.zeros(1, 10), "sure, right": perfect / 4, "sure, wrong": -perfect / 4}
for name, logits in cases.items():
    right, wrong = gradient_size(logits, False), gradient_size(logits, True)
    print(f"{name:12} p(true) = {logits.softmax(dim=1)[0, 3].item():.3f}   gradient: right {right:.4f}   softmax first {wrong:.6f}")
# --8<-- [end:gradients]
