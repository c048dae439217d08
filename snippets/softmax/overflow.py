"""Naive softmax overflows on large logits; subtracting the row maximum fixes it (chapter: Softmax classification)."""
import torch
import torch.nn.functional as F


def softmax(z: torch.Tensor) -> torch.Tensor:
    exp = z.exp()
    return exp / exp.sum(dim=1, keepdim=True)


# --8<-- [start:overflow]
big = torch.tensor([[1000.0, 1001.0, 1002.0]])  # (1, 3)
print(torch.tensor([88.0, 89.0]).exp())  # float32 tops out near 3.4e38 = exp(88.7)
print(big.exp())  # inf / inf is not a number
print(softmax(big))
# --8<-- [end:overflow]


# --8<-- [start:stable]
def softmax_stable(z: torch.Tensor) -> torch.Tensor:
    """Softmax of each row of z (N, C), safe for any logits."""
    shifted = z - z.max(dim=1, keepdim=True).values  # (N, C): the largest is now 0, so exp(...) <= 1
    exp = shifted.exp()
    return exp / exp.sum(dim=1, keepdim=True)


print(softmax_stable(big))
print(softmax_stable(big - 1000))  # the same: softmax ignores a constant added to every logit
extreme = torch.tensor([[1000.0, -1000.0, 0.0], [-1000.0, -1000.0, -999.0]])  # (2, 3)
print(softmax_stable(extreme))
print(torch.allclose(softmax_stable(extreme), F.softmax(extreme, dim=1)))
# --8<-- [end:stable]
