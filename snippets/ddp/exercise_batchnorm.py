"""Exercise: batch norm breaks the all-reduce identity, because each rank normalises with its own batch (chapter: Data-parallel training with torch.distributed)."""
import torch
import torch.nn.functional as F


# --8<-- [start:solution]
from torchsteps.cnn import CNN, ClassicCNN, mnist_tensors

X_train, y_train, _, _ = mnist_tensors()
X, y = X_train[:64], y_train[:64]  # (64, 1, 28, 28), (64,)


def largest_difference(model: torch.nn.Module) -> float:
    """Whole-batch gradient against the mean of the two half-batch gradients, as two ranks would get it."""
    def gradients(X, y):
        return torch.autograd.grad(F.cross_entropy(model(X), y), list(model.parameters()))
    whole, first, second = gradients(X, y), gradients(X[:32], y[:32]), gradients(X[32:], y[32:])
    return max((g - (a + b) / 2).abs().max().item() for g, a, b in zip(whole, first, second))


for model_class in (ClassicCNN, CNN):
    torch.manual_seed(0)
    model = model_class().train()  # training mode: batch norm uses the statistics of the batch it sees
    print(f"{model_class.__name__}: largest gradient difference {largest_difference(model):.1e}")
# --8<-- [end:solution]
