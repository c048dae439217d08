"""Softmax and cross-entropy by hand, on a worked example with three classes (chapter: Softmax classification)."""
# --8<-- [start:imports]
import torch
import torch.nn.functional as F
from torch import nn
# --8<-- [end:imports]

# --8<-- [start:worked]
z = torch.tensor([2.0, 1.0, 0.1])  # (3,) logits for classes 0, 1, 2
exp = z.exp()
y_hat = exp / exp.sum()  # (3,) probabilities
print("exp(z):", exp, " sum:", round(exp.sum().item(), 3))
print("softmax:", y_hat, " sum:", round(y_hat.sum().item(), 4))
print(f"loss if the true class is 0: {-y_hat[0].log().item():.3f}")
print(f"loss if the true class is 2: {-y_hat[2].log().item():.3f}")
print("gradient y_hat - y for class 0:", y_hat - torch.tensor([1.0, 0.0, 0.0]))
# --8<-- [end:worked]


# --8<-- [start:softmax]
def softmax(z: torch.Tensor) -> torch.Tensor:
    """Softmax of each row of z (N, C)."""
    exp = z.exp()  # (N, C)
    return exp / exp.sum(dim=1, keepdim=True)  # (N, C) / (N, 1): each row divided by its own sum


torch.manual_seed(0)
logits = torch.randn(4, 10)  # (4, 10): 4 samples, 10 classes
probs = softmax(logits)
print(probs.sum(dim=1))  # every row sums to 1
print(torch.allclose(probs, F.softmax(logits, dim=1)))
# --8<-- [end:softmax]
