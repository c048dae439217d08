"""Cross-entropy from scratch, and CrossEntropyLoss as log_softmax plus nll_loss (chapter: Softmax classification)."""
import torch
import torch.nn.functional as F
from torch import nn


# --8<-- [start:from_scratch]
def log_softmax(z: torch.Tensor) -> torch.Tensor:
    """log of softmax for each row of z (N, C), without ever forming exp(z)."""
    shifted = z - z.max(dim=1, keepdim=True).values  # (N, C)
    return shifted - shifted.exp().sum(dim=1, keepdim=True).log()  # z_k - log sum_j exp(z_j)


def cross_entropy(z: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """Mean of -log softmax(z)[i, y_i] over the batch; z (N, C) logits, y (N,) class indices."""
    return -log_softmax(z)[torch.arange(len(y)), y].mean()  # pick each row's true-class entry


torch.manual_seed(0)
logits = torch.randn(5, 10)  # (5, 10)
y = torch.tensor([3, 0, 9, 1, 1])  # (5,) int64 class indices, not one-hot
print(cross_entropy(logits, y), F.cross_entropy(logits, y))
extreme = torch.tensor([[1000.0, -1000.0, 0.0], [-1000.0, 1000.0, 0.0]])  # (2, 3)
print(cross_entropy(extreme, torch.tensor([0, 0])), F.cross_entropy(extreme, torch.tensor([0, 0])))
# --8<-- [end:from_scratch]

# --8<-- [start:nll]
loss_fn = nn.CrossEntropyLoss()  # takes logits and class indices
combined = loss_fn(logits, y)
two_steps = F.nll_loss(F.log_softmax(logits, dim=1), y)  # nll_loss only picks -input[i, y_i] and averages
print(combined, two_steps, torch.equal(combined, two_steps))
# --8<-- [end:nll]
