"""Checkpoint a run and resume it, by hand and with fit(checkpoint=...) (chapter: The training loop done right)."""
import tempfile
from pathlib import Path

import torch
from torch import nn
from torch.utils.data import DataLoader, Subset, TensorDataset, random_split

from torchsteps.datasets import load_mnist
from torchsteps.training import fit

X, y = load_mnist("train")
train_set, val_set = random_split(TensorDataset(X, y), [7000, 1000], generator=torch.Generator().manual_seed(0))
small_set, val_loader, loss_fn = Subset(train_set, range(500)), DataLoader(val_set, batch_size=500), nn.CrossEntropyLoss()


def make_model() -> nn.Module:
    torch.manual_seed(0)
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))


model = make_model()
optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
history = fit(model, DataLoader(small_set, batch_size=50), loss_fn, optimizer, 2)

# --8<-- [start:by_hand]
with tempfile.TemporaryDirectory() as folder:
    path = Path(folder) / "checkpoint.pt"
    torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(), "epoch": len(history)}, path)
    state = torch.load(path, weights_only=True)
print(list(state), " epoch", state["epoch"])
print("optimizer state of the first weight:", list(state["optimizer"]["state"][0]))  # SGD's momentum
restored = make_model()  # as a new process would: fresh weights, fresh optimizer
restored_optimizer = torch.optim.SGD(restored.parameters(), lr=0.05, momentum=0.9)
restored.load_state_dict(state["model"])
restored_optimizer.load_state_dict(state["optimizer"])
start_epoch = state["epoch"] + 1  # a training loop would continue from here
print("resume at epoch", start_epoch)
# --8<-- [end:by_hand]


# --8<-- [start:fit_resume]
def fresh_run(num_epochs, checkpoint=None):
    """What a new process builds: the model, the optimizer and a shuffling loader, all from scratch."""
    model = make_model()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    loader = DataLoader(small_set, batch_size=50, shuffle=True, generator=torch.Generator().manual_seed(0))
    history = fit(model, loader, loss_fn, optimizer, num_epochs, val_loader=val_loader, checkpoint=checkpoint)
    return model, history


with tempfile.TemporaryDirectory() as folder:
    path = Path(folder) / "run.pt"
    fresh_run(2, checkpoint=path)  # interrupted after epoch 2
    print("saved after epoch", torch.load(path, weights_only=True)["epoch"])
    resumed, history = fresh_run(4, checkpoint=path)  # loads it and trains epochs 3 and 4 only
whole, _ = fresh_run(4)  # the same four epochs in one go
print("epochs in the history:", history["epoch"])
print("same weights as one uninterrupted run:", all(torch.equal(a, b) for a, b in zip(resumed.parameters(), whole.parameters())))
# --8<-- [end:fit_resume]
