"""Exercise: which initialisation keeps a deep tanh stack's activations alive? (chapter: MLPs, activations and initialisation)."""
from functools import partial

import torch
from torch import nn

from torchsteps.datasets import load_mnist

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


# --8<-- [start:solution]
tanh_inits = {
    "normal, std 0.01": partial(nn.init.normal_, std=0.01),
    "Xavier, gain 1": nn.init.xavier_normal_,  # std sqrt(2 / (n_in + n_out))
    "Xavier, gain 5/3": partial(nn.init.xavier_normal_, gain=nn.init.calculate_gain("tanh")),
}
for name, init in tanh_inits.items():
    torch.manual_seed(0)
    model, h, spread = deep_mlp(nn.Tanh, init), X_batch, []
    with torch.inference_mode():
        for layer in model:
            h = layer(h)
            if isinstance(layer, nn.Tanh):
                spread.append(h.std().item())
    print(f"{name:17}", " ".join(f"{s:.2f}" for s in spread))
# --8<-- [end:solution]
