"""Make overfitting visible with a large MLP on 500 images, then stop it early with patience (chapter: The training loop done right)."""
# --8<-- [start:imports]
from torch.utils.data import Subset
# --8<-- [end:imports]
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset, random_split

from torchsteps.datasets import load_mnist
from torchsteps.plotting import figure, svg
from torchsteps.training import evaluate, fit

X, y = load_mnist("train")
train_set, val_set = random_split(TensorDataset(X, y), [7000, 1000], generator=torch.Generator().manual_seed(0))
val_loader = DataLoader(val_set, batch_size=500)
loss_fn = nn.CrossEntropyLoss()

# --8<-- [start:settings]
num_small = 500  # few images for many weights: room to memorise
num_epochs = 25
# --8<-- [end:settings]


# --8<-- [start:overfit]
def make_big_model() -> nn.Module:
    torch.manual_seed(0)
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, 10))


small_set = Subset(train_set, range(num_small))  # the first 500 of an already shuffled split
small_loader = DataLoader(small_set, batch_size=50, shuffle=True, generator=torch.Generator().manual_seed(0))
big = make_big_model()
big_optimizer = torch.optim.SGD(big.parameters(), lr=0.05, momentum=0.9)
overfit = fit(big, small_loader, loss_fn, big_optimizer, num_epochs, val_loader=val_loader)
best = overfit.best_epoch
print(f"validation loss: lowest {overfit['val_loss'][best - 1]:.3f} at epoch {best}, {overfit['val_loss'][-1]:.3f} at epoch {num_epochs}")
print(f"accuracy at epoch {num_epochs}: train {overfit['train_acc'][-1]:.3f}, validation {overfit['val_acc'][-1]:.3f}")
# --8<-- [end:overfit]

# --8<-- [start:early_stopping]
big = make_big_model()  # the same start as the run above
big_optimizer = torch.optim.SGD(big.parameters(), lr=0.05, momentum=0.9)
small_loader.generator.manual_seed(0)  # and the same shuffles
stopped = fit(big, small_loader, loss_fn, big_optimizer, num_epochs, val_loader=val_loader, patience=5)
print(f"stopped early: {stopped.stopped_early}, after {len(stopped)} of {num_epochs} epochs; best epoch {stopped.best_epoch}")
print(f"validation loss of the weights fit kept: {evaluate(big, val_loader, loss_fn)['loss']:.3f}")
# --8<-- [end:early_stopping]

# --8<-- [start:plot]
fig, ax = figure(width=6.4, height=3.2)
ax.plot(overfit["epoch"], overfit["train_loss"], "o-", markersize=3, label="train (500 images)")
ax.plot(overfit["epoch"], overfit["val_loss"], "o-", markersize=3, label="validation")
ax.axvline(best, color="gray", linestyle="--", label=f"best epoch ({best})")
ax.axvline(len(stopped), color="black", linestyle=":", label=f"patience 5 stops ({len(stopped)})")
ax.set(xlabel="epoch", ylabel="mean cross-entropy loss", yscale="log")
ax.legend()
print(svg(fig, alt="Training loss of the large model falls towards zero on a log scale while validation loss bottoms out early and then climbs; dashed lines mark the best epoch and where patience 5 stops."))
# --8<-- [end:plot]
