"""The all-reduce identity: the mean of per-rank gradients is the gradient of the global batch (chapter: Data-parallel training with torch.distributed)."""
# --8<-- [start:imports]
import torch
import torch.nn.functional as F

from torchsteps.cnn import ClassicCNN, mnist_tensors
# --8<-- [end:imports]

# --8<-- [start:worked]
x = torch.tensor([1.0, 2.0, 3.0, 4.0])  # (4,) the global batch
y = torch.tensor([2.0, 4.0, 5.0, 9.0])  # (4,)
w = torch.tensor(1.0, requires_grad=True)  # the model: y_hat = w * x


def grad_of_mean_loss(idx: slice) -> float:
    (grad,) = torch.autograd.grad(F.mse_loss(w * x[idx], y[idx]), w)  # mean over the samples in idx
    return grad.item()


g_global = grad_of_mean_loss(slice(0, 4))
g_rank0, g_rank1 = grad_of_mean_loss(slice(0, 2)), grad_of_mean_loss(slice(2, 4))
print(f"global batch: {g_global}; rank 0: {g_rank0}, rank 1: {g_rank1}, their mean: {(g_rank0 + g_rank1) / 2}")
# --8<-- [end:worked]

# --8<-- [start:cnn]
X_train, y_train, _, _ = mnist_tensors()
X, y = X_train[:64], y_train[:64]  # (64, 1, 28, 28), (64,): a global batch of 64
torch.manual_seed(0)
model = ClassicCNN()


def gradients(X: torch.Tensor, y: torch.Tensor) -> list[torch.Tensor]:
    return torch.autograd.grad(F.cross_entropy(model(X), y), list(model.parameters()))


whole = gradients(X, y)
halves = [gradients(X[:32], y[:32]), gradients(X[32:], y[32:])]  # what two ranks of 32 compute
averaged = [(a + b) / 2 for a, b in zip(*halves)]  # what the all-reduce hands back to both
print(f"{len(whole)} parameter tensors; largest difference: {max((g - a).abs().max().item() for g, a in zip(whole, averaged)):.1e}")
# --8<-- [end:cnn]
