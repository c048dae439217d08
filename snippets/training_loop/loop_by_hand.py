"""Train an MLP on MNIST with the training loop written out by hand (chapter: The training loop done right)."""
# --8<-- [start:imports]
from torch import nn
# --8<-- [end:imports]
import torch
from torch.utils.data import DataLoader, TensorDataset, random_split

from torchsteps.datasets import load_mnist

X, y = load_mnist("train")
train_set, val_set = random_split(TensorDataset(X, y), [7000, 1000], generator=torch.Generator().manual_seed(0))
generator = torch.Generator().manual_seed(0)
train_loader = DataLoader(train_set, batch_size=64, shuffle=True, generator=generator)
val_loader = DataLoader(val_set, batch_size=500)


# --8<-- [start:model]
def make_model() -> nn.Module:
    torch.manual_seed(0)  # the same starting weights every time
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))


model = make_model()
loss_fn = nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
# --8<-- [end:model]


# --8<-- [start:train_epoch]
def train_epoch(model, loader, loss_fn, optimizer):
    model.train()  # layers such as dropout switch to their training behaviour
    total_loss, correct = 0.0, 0
    for X_batch, y_batch in loader:
        y_hat = model(X_batch)  # (64, 10) logits
        loss = loss_fn(y_hat, y_batch)  # the mean over this batch
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        total_loss += loss.item() * len(y_batch)  # undo the mean, so that batches of any size add up
        correct += (y_hat.argmax(dim=1) == y_batch).sum().item()
    return total_loss / len(loader.dataset), correct / len(loader.dataset)
# --8<-- [end:train_epoch]


# --8<-- [start:evaluate]
def evaluate_epoch(model, loader, loss_fn):
    model.eval()  # layers such as dropout switch to their evaluation behaviour
    total_loss, correct = 0.0, 0
    with torch.inference_mode():  # no graph, no gradients: nothing here will be trained on
        for X_batch, y_batch in loader:
            y_hat = model(X_batch)
            total_loss += loss_fn(y_hat, y_batch).item() * len(y_batch)
            correct += (y_hat.argmax(dim=1) == y_batch).sum().item()
    return total_loss / len(loader.dataset), correct / len(loader.dataset)
# --8<-- [end:evaluate]


# --8<-- [start:run]
generator.manual_seed(0)  # restart the shuffles, so that fit can replay them below
rows = []
for epoch in range(1, 4):
    train_loss, train_acc = train_epoch(model, train_loader, loss_fn, optimizer)
    val_loss, val_acc = evaluate_epoch(model, val_loader, loss_fn)
    rows.append((train_loss, train_acc, val_loss, val_acc))
    print(f"epoch {epoch}  train loss {train_loss:.4f} acc {train_acc:.3f}  val loss {val_loss:.4f} acc {val_acc:.3f}")
# --8<-- [end:run]
