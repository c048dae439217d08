"""Activation statistics per layer of a deep ReLU MLP at initialisation: std 0.01 against Kaiming (chapter: MLPs, activations and initialisation)."""
from functools import partial

import torch
from torch import nn

from torchsteps.datasets import load_mnist
from torchsteps.plotting import figure, svg

depth, width = 12, 128
X, y = load_mnist("train")
X_batch = X[:256]  # (256, 1, 28, 28)


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


# --8<-- [start:stats]
inits = {"normal, std 0.01": partial(nn.init.normal_, std=0.01), "Kaiming": partial(nn.init.kaiming_normal_, nonlinearity="relu")}
stds = {}
for name, init in inits.items():
    torch.manual_seed(0)
    model, h, stds[name] = deep_mlp(nn.ReLU, init), X_batch, []
    with torch.inference_mode():
        for layer in model:  # run the layers one by one to look between them
            h = layer(h)
            if isinstance(layer, nn.ReLU):
                stds[name].append(h.std().item())  # spread of this hidden layer's outputs
    print(f"{name:17}", " ".join(f"{s:.0e}" for s in stds[name]))
# --8<-- [end:stats]

# --8<-- [start:plot]
fig, ax = figure(width=6.4, height=3.2)
for name, values in stds.items():
    ax.plot(range(1, depth), values, "o-", label=name)
ax.set(xlabel="hidden layer", ylabel="std of its ReLU outputs", yscale="log")
ax.legend()
print(svg(fig, alt="Standard deviation of each hidden layer's outputs at initialisation, log scale: with std 0.01 it shrinks about twelvefold per layer, to below 1e-12; with Kaiming initialisation it stays near 0.2."))
# --8<-- [end:plot]
