"""Train the MLP 784-520-320-240-120-10 on MNIST (chapter: Softmax classification)."""
import torch
from torch import nn

from torchsteps.datasets import load_mnist

lr, gamma, batch_size = 1e-3, 0.8, 100
X_train, y_train = load_mnist("train")
X_test, y_test = load_mnist("test")
mean, std = X_train.mean(), X_train.std()
X_train, X_test = (X_train - mean) / std, (X_test - mean) / std


def train(model: nn.Module, num_epochs: int) -> list[float]:
    loss_fn = nn.CrossEntropyLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    scheduler = torch.optim.lr_scheduler.ExponentialLR(optimizer, gamma=gamma)
    generator = torch.Generator().manual_seed(0)
    losses = []
    for epoch in range(num_epochs):
        total = 0.0
        for idx in torch.randperm(len(X_train), generator=generator).split(batch_size):
            loss = loss_fn(model(X_train[idx]), y_train[idx])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item() * len(idx)
        scheduler.step()
        losses.append(total / len(X_train))
    return losses


def accuracy(model: nn.Module, X: torch.Tensor, y: torch.Tensor) -> float:
    with torch.no_grad():
        return (model(X).argmax(dim=1) == y).float().mean().item()


# --8<-- [start:imports]
from torchsteps.models import MLP
# --8<-- [end:imports]

# --8<-- [start:train]
torch.manual_seed(0)
model = MLP()  # 784-520-320-240-120-10 with ReLU; flattens (N, 1, 28, 28) itself
print(model)
print(f"{sum(p.numel() for p in model.parameters()):,} parameters")
losses = train(model, num_epochs=8)
print("training loss per epoch:", [round(loss, 3) for loss in losses])
print(f"MLP: train accuracy {accuracy(model, X_train, y_train):.4f}, test accuracy {accuracy(model, X_test, y_test):.4f}")
# --8<-- [end:train]
