"""Train the improved CNN: normalised inputs, batch norm, AdamW with OneCycleLR (chapter: A CNN on MNIST)."""
import runpy
from pathlib import Path

import torch
from torch import nn

# On its own, this file first runs classic.py, to compare with it; on the page its results are already there.
_classic = runpy.run_path(str(Path(__file__).with_name("classic.py")))
classic_acc = _classic["classic_acc"]

# --8<-- [start:imports]
import time

from torchsteps.cnn import CNN, mnist_loaders, one_cycle
from torchsteps.datasets import load_mnist
from torchsteps.device import build_info
from torchsteps.training import evaluate, fit
# --8<-- [end:imports]

# --8<-- [start:settings]
max_lr = 0.01  # the peak of the one-cycle schedule
weight_decay = 1e-4
batch_size = 64
num_epochs = 1  # one pass over the 8,000 training digits
# --8<-- [end:settings]

# --8<-- [start:stats]
X_train, y_train = load_mnist("train")  # (8000, 1, 28, 28) in [0, 1]
print(f"training pixels: mean {X_train.mean():.4f}, std {X_train.std():.4f}")
# --8<-- [end:stats]

# --8<-- [start:train]
torch.manual_seed(0)
train_loader, test_loader = mnist_loaders(batch_size, seed=0)  # normalised, as above
model = CNN()  # 16 and 32 channels
print(f"CNN: {sum(p.numel() for p in model.parameters()):,} parameters")
loss_fn = nn.CrossEntropyLoss()
optimizer = torch.optim.AdamW(model.parameters(), lr=max_lr, weight_decay=weight_decay)
scheduler = one_cycle(optimizer, max_lr, total_steps=num_epochs * len(train_loader))
start = time.perf_counter()
history = fit(model, train_loader, loss_fn, optimizer, num_epochs)
cnn_seconds = time.perf_counter() - start
cnn_acc = evaluate(model, test_loader, loss_fn)["accuracy"]
print("training loss per epoch:", [round(l, 3) for l in history["train_loss"]])
print(f"improved CNN, epochs: {num_epochs}, test accuracy {cnn_acc:.4f} (classic recipe: {classic_acc:.4f})")
# --8<-- [end:train]

# --8<-- [start:timing]
print(f"training took {cnn_seconds:.1f} s on {build_info()['device']}")
# --8<-- [end:timing]
