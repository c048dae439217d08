"""Exercise: checkpoint a hand-written loop, shuffle state included, and resume it exactly (chapter: The training loop done right)."""
import tempfile
from pathlib import Path

import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from torchsteps.datasets import load_mnist

X, y = load_mnist("train")
small_set = TensorDataset(X[:500], y[:500])


# --8<-- [start:solution]
def train(num_epochs, path=None, stop_after=None):
    torch.manual_seed(0)
    model = nn.Sequential(nn.Flatten(), nn.Linear(784, 64), nn.ReLU(), nn.Linear(64, 10))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    generator = torch.Generator().manual_seed(0)
    loader = DataLoader(small_set, batch_size=50, shuffle=True, generator=generator)
    start = 1
    if path is not None and path.exists():
        state = torch.load(path, weights_only=True)
        model.load_state_dict(state["model"])
        optimizer.load_state_dict(state["optimizer"])
        generator.set_state(state["shuffle"])  # without this, epoch 3 would replay epoch 1's order
        start = state["epoch"] + 1
    for epoch in range(start, num_epochs + 1):
        for X_batch, y_batch in loader:
            loss = nn.functional.cross_entropy(model(X_batch), y_batch)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        if path is not None:
            state = {"model": model.state_dict(), "optimizer": optimizer.state_dict(), "epoch": epoch, "shuffle": generator.get_state()}
            torch.save(state, path)
        if epoch == stop_after:
            break  # a crash, a time limit, a closed laptop
    return model


with tempfile.TemporaryDirectory() as folder:
    path = Path(folder) / "hand.pt"
    train(4, path, stop_after=2)
    resumed = train(4, path)
whole = train(4)
print("same weights:", all(torch.equal(a, b) for a, b in zip(resumed.parameters(), whole.parameters())))
# --8<-- [end:solution]
