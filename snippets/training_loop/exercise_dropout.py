"""Exercise: add dropout to the overfitting model and compare its validation loss (chapter: The training loop done right)."""
import torch
from torch import nn
from torch.utils.data import DataLoader, Subset, TensorDataset, random_split

from torchsteps.datasets import load_mnist
from torchsteps.training import fit

X, y = load_mnist("train")
train_set, val_set = random_split(TensorDataset(X, y), [7000, 1000], generator=torch.Generator().manual_seed(0))
small_set, val_loader, loss_fn = Subset(train_set, range(500)), DataLoader(val_set, batch_size=500), nn.CrossEntropyLoss()

# --8<-- [start:solution]
torch.manual_seed(0)
dropped = nn.Sequential(
    nn.Flatten(),
    nn.Linear(784, 256), nn.ReLU(), nn.Dropout(p=0.5),  # each hidden unit is dropped half the time
    nn.Linear(256, 256), nn.ReLU(), nn.Dropout(p=0.5),
    nn.Linear(256, 10),
)
optimizer = torch.optim.SGD(dropped.parameters(), lr=0.05, momentum=0.9)
small_loader = DataLoader(small_set, batch_size=50, shuffle=True, generator=torch.Generator().manual_seed(0))
regular = fit(dropped, small_loader, loss_fn, optimizer, 25, val_loader=val_loader)
best = regular.best_epoch
print(f"with dropout: lowest validation loss {regular['val_loss'][best - 1]:.3f} at epoch {best}, {regular['val_loss'][-1]:.3f} at epoch 25")
print(f"accuracy at epoch 25: train {regular['train_acc'][-1]:.3f}, validation {regular['val_acc'][-1]:.3f}")
# --8<-- [end:solution]
