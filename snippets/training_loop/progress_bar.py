"""When a tqdm progress bar appears: on a terminal, not in a pipe, a file or this page (chapter: The training loop done right)."""
# --8<-- [start:imports]
import io

from tqdm import tqdm
# --8<-- [end:imports]
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from torchsteps.datasets import load_mnist
from torchsteps.training import fit

# --8<-- [start:bar]
layout = "{desc} {percentage:3.0f}%|{bar:20}| {n_fmt}/{total_fmt}"  # no timings, so the output repeats
terminal = io.StringIO()  # stands in for a terminal: disable=False forces the bar
for _ in tqdm(range(110), desc="epoch 1/8", file=terminal, disable=False, ascii=True, bar_format=layout):
    pass
print(terminal.getvalue().split("\r")[-1].strip())  # the bar's last redraw

not_a_terminal = io.StringIO()  # like a pipe, a log file, or what a docs build sees
quiet = tqdm(range(110), file=not_a_terminal, disable=None)  # None: draw only if file.isatty()
print("isatty:", not_a_terminal.isatty(), " disabled:", quiet.disable, " wrote:", repr(not_a_terminal.getvalue()))
# --8<-- [end:bar]

if __name__ == "__main__":
    # Run this file in a terminal to watch fit's bar; under a pipe or pytest nothing is drawn.
    X, y = load_mnist("train")
    torch.manual_seed(0)
    model = nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))
    train_loader = DataLoader(TensorDataset(X, y), batch_size=64, shuffle=True, generator=torch.Generator().manual_seed(0))
    history = fit(model, train_loader, nn.CrossEntropyLoss(), torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9), 3)
    print("train loss per epoch:", [round(loss, 4) for loss in history["train_loss"]])
