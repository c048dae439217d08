"""The package's fit runs the same loop: replay the hand-written run, then train on (chapter: The training loop done right)."""
# --8<-- [start:imports]
import inspect

from torchsteps.plotting import figure, svg
from torchsteps.training import evaluate, fit, train_one_epoch
# --8<-- [end:imports]
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset, random_split

from torchsteps.datasets import load_mnist

X, y = load_mnist("train")
X_test, y_test = load_mnist("test")
train_set, val_set = random_split(TensorDataset(X, y), [7000, 1000], generator=torch.Generator().manual_seed(0))
generator = torch.Generator().manual_seed(0)
train_loader = DataLoader(train_set, batch_size=64, shuffle=True, generator=generator)
val_loader = DataLoader(val_set, batch_size=500)
test_loader = DataLoader(TensorDataset(X_test, y_test), batch_size=500)
loss_fn = nn.CrossEntropyLoss()


def make_model() -> nn.Module:
    torch.manual_seed(0)
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))


# --8<-- [start:source]
print(inspect.getsource(train_one_epoch))
# --8<-- [end:source]

# --8<-- [start:fit]
generator.manual_seed(0)  # the same shuffles as the hand-written run
model = make_model()  # the same starting weights
optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
history = fit(model, train_loader, loss_fn, optimizer, num_epochs=8, val_loader=val_loader, device="cpu")
for row in history.epochs:
    print("epoch {epoch}  train loss {train_loss:.4f} acc {train_acc:.3f}  val loss {val_loss:.4f} acc {val_acc:.3f}".format(**row))
# --8<-- [end:fit]

# --8<-- [start:curves]
fig, (left, right) = figure(ncols=2, width=7.2, height=3.0)
for split in ("train", "val"):
    left.plot(history["epoch"], history[f"{split}_loss"], "o-", label=split)
    right.plot(history["epoch"], history[f"{split}_acc"], "o-", label=split)
left.set(xlabel="epoch", title="mean cross-entropy loss")
right.set(xlabel="epoch", title="accuracy")
left.legend()
print(svg(fig, alt="Learning curves over 8 epochs: training loss falls steadily while validation loss falls and flattens out; training accuracy climbs above validation accuracy."))
# --8<-- [end:curves]

# --8<-- [start:test]
test = evaluate(model, test_loader, loss_fn)  # touched once, at the very end
print(f"test loss {test['loss']:.4f}  test accuracy {test['accuracy']:.3f}")
# --8<-- [end:test]
