"""Softmax regression on MNIST: nn.Linear(784, 10) and CrossEntropyLoss (chapter: Softmax classification)."""
import torch
from torch import nn

# --8<-- [start:imports]
from torchsteps.datasets import load_mnist
# --8<-- [end:imports]

# --8<-- [start:settings]
lr = 1e-3
gamma = 0.8  # the learning rate is multiplied by this after every epoch
batch_size = 100
num_epochs = 10
# --8<-- [end:settings]

# --8<-- [start:data]
X_train, y_train = load_mnist("train")  # (8000, 1, 28, 28) float32 in [0, 1], (8000,) int64
X_test, y_test = load_mnist("test")  # (2000, 1, 28, 28), (2000,)
mean, std = X_train.mean(), X_train.std()  # from the training split only
X_train, X_test = (X_train - mean) / std, (X_test - mean) / std
print(X_train.shape, y_train.shape, X_test.shape, y_test.shape)
# --8<-- [end:data]


# --8<-- [start:train]
def train(model: nn.Module, num_epochs: int) -> list[float]:
    """Adam on shuffled mini-batches taken by indexing; returns each epoch's mean training loss."""
    loss_fn = nn.CrossEntropyLoss()  # logits in, no softmax in the model
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    scheduler = torch.optim.lr_scheduler.ExponentialLR(optimizer, gamma=gamma)
    generator = torch.Generator().manual_seed(0)
    losses = []
    for epoch in range(num_epochs):
        total = 0.0
        for idx in torch.randperm(len(X_train), generator=generator).split(batch_size):  # (batch_size,) rows
            loss = loss_fn(model(X_train[idx]), y_train[idx])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item() * len(idx)
        scheduler.step()  # smaller steps as training settles
        losses.append(total / len(X_train))
    return losses


def accuracy(model: nn.Module, X: torch.Tensor, y: torch.Tensor) -> float:
    with torch.no_grad():  # no gradients needed to evaluate
        return (model(X).argmax(dim=1) == y).float().mean().item()  # argmax of logits = argmax of softmax
# --8<-- [end:train]


# --8<-- [start:fit]
torch.manual_seed(0)
model = nn.Sequential(nn.Flatten(), nn.Linear(784, 10))  # (N, 1, 28, 28) -> (N, 784) -> (N, 10) logits
losses = train(model, num_epochs)
print("training loss per epoch:", [round(loss, 3) for loss in losses])
print(f"softmax regression: train accuracy {accuracy(model, X_train, y_train):.4f}, test accuracy {accuracy(model, X_test, y_test):.4f}")
# --8<-- [end:fit]
