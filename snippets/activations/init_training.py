"""Early training of a deep ReLU MLP from std 0.01 and from Kaiming initialisation (chapter: MLPs, activations and initialisation)."""
# --8<-- [start:imports]
from itertools import islice

from torch.utils.data import DataLoader, TensorDataset
# --8<-- [end:imports]
from functools import partial

import torch
import torch.nn.functional as F
from torch import nn

from torchsteps.datasets import load_mnist
from torchsteps.plotting import figure, svg

depth, width = 12, 128
X, y = load_mnist("train")
inits = {"normal, std 0.01": partial(nn.init.normal_, std=0.01), "Kaiming": partial(nn.init.kaiming_normal_, nonlinearity="relu")}


def deep_mlp(activation: type[nn.Module], init) -> nn.Sequential:
    layers, n_in = [nn.Flatten()], 784
    for _ in range(depth - 1):
        layers += [nn.Linear(n_in, width), activation()]
        n_in = width
    model = nn.Sequential(*layers, nn.Linear(n_in, 10))
    for layer in model[1::2]:  # the Linear layers
        init(layer.weight)
        nn.init.zeros_(layer.bias)
    return model


# --8<-- [start:settings]
num_steps = 120  # one epoch of 8,000 images is 125 batches of 64
lr = 0.01
# --8<-- [end:settings]


# --8<-- [start:train]
def first_steps(init):
    torch.manual_seed(0)  # both inits draw the same random numbers, only scaled differently
    model = deep_mlp(nn.ReLU, init)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)
    train_loader = DataLoader(TensorDataset(X, y), batch_size=64, shuffle=True, generator=torch.Generator().manual_seed(0))
    for X_batch, y_batch in islice(train_loader, num_steps):  # the first num_steps batches
        loss = F.cross_entropy(model(X_batch), y_batch)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        yield loss.item()  # a generator: hands out one loss per step


losses = {name: list(first_steps(init)) for name, init in inits.items()}
for name, values in losses.items():
    print(f"{name:17} mean loss over steps 101-{num_steps}: {sum(values[100:]) / len(values[100:]):.3f}")
# --8<-- [end:train]

# --8<-- [start:plot]
fig, ax = figure(width=6.4, height=3.2)
for name, values in losses.items():
    ax.plot(range(1, num_steps + 1), values, label=name)
ax.axhline(torch.log(torch.tensor(10.0)).item(), color="gray", linestyle=":", label="ln 10: guessing")
ax.set(xlabel="step", ylabel="training loss (one batch)")
ax.legend()
print(svg(fig, alt="Training loss over the first 120 steps: from std 0.01 it stays flat at ln 10, about 2.3; from Kaiming initialisation it falls below 1."))
# --8<-- [end:plot]
