"""One change at a time, from PyTorchZeroToAll's recipe to the improved CNN, each trained for 1 epoch (chapter: A CNN on MNIST)."""
import runpy
from pathlib import Path

import torch
from torch import nn

from torchsteps.cnn import CNN, ClassicCNN, mnist_loaders, one_cycle
from torchsteps.training import evaluate, fit

# On its own, this file first runs improved.py, which runs classic.py; on the page their results are already there.
_improved = runpy.run_path(str(Path(__file__).with_name("improved.py")))
_classic = _improved["_classic"]
lr, momentum, batch_size, num_epochs, classic_acc = (_classic[k] for k in ("lr", "momentum", "batch_size", "num_epochs", "classic_acc"))
max_lr, weight_decay, cnn_acc = _improved["max_lr"], _improved["weight_decay"], _improved["cnn_acc"]
loss_fn = nn.CrossEntropyLoss()


# --8<-- [start:ablation]
def accuracy_after_training(make_model, normalize: bool, adamw: bool) -> float:
    """Train with the classic settings, except what the arguments change."""
    torch.manual_seed(0)
    model = make_model()
    train_loader, test_loader = mnist_loaders(batch_size, seed=0, normalize=normalize)
    if adamw:
        optimizer = torch.optim.AdamW(model.parameters(), max_lr, weight_decay=weight_decay)
        one_cycle(optimizer, max_lr, total_steps=num_epochs * len(train_loader))
    else:
        optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=momentum)
    fit(model, train_loader, loss_fn, optimizer, num_epochs)
    return evaluate(model, test_loader, loss_fn)["accuracy"]


def narrow_cnn():
    return CNN((10, 20))  # the classic widths, with batch norm


ablation = [
    ("PyTorchZeroToAll: raw pixels, SGD, `ClassicCNN`", classic_acc),  # trained above
    ("+ normalised inputs", accuracy_after_training(ClassicCNN, True, adamw=False)),
    ("+ batch norm: `CNN((10, 20))`", accuracy_after_training(narrow_cnn, True, adamw=False)),
    ("+ AdamW with one-cycle learning rate", accuracy_after_training(narrow_cnn, True, adamw=True)),
    ("+ 16 and 32 channels: `CNN()`", cnn_acc),  # trained above
]
print("| recipe | test accuracy | test errors (of 2,000) |")
print("| --- | --- | --- |")
for recipe, acc in ablation:
    print(f"| {recipe} | {acc:.4f} | {round((1 - acc) * 2000)} |")
# --8<-- [end:ablation]
