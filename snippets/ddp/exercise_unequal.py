"""Exercise: with unequal shards the plain mean of gradients is wrong; weighting by shard size fixes it (chapter: Data-parallel training with torch.distributed)."""
import torch
import torch.nn.functional as F

# --8<-- [start:solution]
x = torch.tensor([1.0, 2.0, 3.0, 4.0])  # (4,)
y = torch.tensor([2.0, 4.0, 5.0, 9.0])  # (4,)
w = torch.tensor(1.0, requires_grad=True)


def grad_of_mean_loss(idx: slice) -> float:
    (grad,) = torch.autograd.grad(F.mse_loss(w * x[idx], y[idx]), w)
    return grad.item()


g_global = grad_of_mean_loss(slice(0, 4))
g_rank0, g_rank1 = grad_of_mean_loss(slice(0, 1)), grad_of_mean_loss(slice(1, 4))  # shards of 1 and 3 samples
print(f"global: {g_global}; rank 0 (1 sample): {g_rank0}, rank 1 (3 samples): {g_rank1}")
print(f"plain mean: {(g_rank0 + g_rank1) / 2}; mean weighted by shard size: {(1 * g_rank0 + 3 * g_rank1) / 4}")
# --8<-- [end:solution]
