"""Train with and without a softmax before CrossEntropyLoss, with plain SGD (chapter: Softmax classification)."""
import torch
from torch import nn

from torchsteps.datasets import load_mnist

X_train, y_train = load_mnist("train")
X_test, y_test = load_mnist("test")
mean, std = X_train.mean(), X_train.std()
X_train, X_test = (X_train - mean) / std, (X_test - mean) / std
loss_fn = nn.CrossEntropyLoss()
batch_size = 100


def accuracy(model: nn.Module, X: torch.Tensor, y: torch.Tensor) -> float:
    with torch.no_grad():
        return (model(X).argmax(dim=1) == y).float().mean().item()


# --8<-- [start:compare]
def one_epoch_sgd(sgd_lr: float, softmax_first: bool) -> float:
    """Test accuracy of softmax regression after one epoch of SGD."""
    torch.manual_seed(0)
    model = nn.Sequential(nn.Flatten(), nn.Linear(784, 10))
    optimizer = torch.optim.SGD(model.parameters(), lr=sgd_lr)  # step = lr * gradient, so gradient size matters
    for idx in torch.randperm(len(X_train), generator=torch.Generator().manual_seed(0)).split(batch_size):
        logits = model(X_train[idx])  # (batch_size, 10)
        loss = loss_fn(logits.softmax(dim=1) if softmax_first else logits, y_train[idx])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return accuracy(model, X_test, y_test)


for sgd_lr in (0.1, 0.01):
    right, wrong = one_epoch_sgd(sgd_lr, False), one_epoch_sgd(sgd_lr, True)
    print(f"SGD lr {sgd_lr}: test accuracy after one epoch {right:.3f} with logits, {wrong:.3f} with softmax first")
# --8<-- [end:compare]
