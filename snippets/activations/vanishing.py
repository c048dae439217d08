"""Vanishing gradients: per-layer gradient norms of a deep sigmoid stack against a ReLU stack (chapter: MLPs, activations and initialisation)."""
# --8<-- [start:imports]
from functools import partial

from torch import nn

from torchsteps.datasets import load_mnist
# --8<-- [end:imports]
import torch
import torch.nn.functional as F

from torchsteps.plotting import figure, svg

# --8<-- [start:settings]
depth = 12  # Linear layers: 11 hidden layers and the output layer
width = 128
# --8<-- [end:settings]


# --8<-- [start:deep_mlp]
def deep_mlp(activation: type[nn.Module], init) -> nn.Sequential:
    """Flatten, then depth - 1 times Linear + activation, then Linear to 10 logits."""
    layers, n_in = [nn.Flatten()], 784
    for _ in range(depth - 1):
        layers += [nn.Linear(n_in, width), activation()]
        n_in = width
    model = nn.Sequential(*layers, nn.Linear(n_in, 10))
    for layer in model[1::2]:  # the Linear layers: positions 1, 3, 5, ...
        init(layer.weight)  # init draws the weights in place
        nn.init.zeros_(layer.bias)
    return model
# --8<-- [end:deep_mlp]


# --8<-- [start:grad_norms]
X, y = load_mnist("train")
X_batch, y_batch = X[:256], y[:256]  # (256, 1, 28, 28), (256,): one batch of real digits
kaiming = partial(nn.init.kaiming_normal_, nonlinearity="relu")
grad_norms = {}
for name, activation in {"sigmoid": nn.Sigmoid, "ReLU": nn.ReLU}.items():
    torch.manual_seed(0)  # the same weights for both stacks: only the activation differs
    model = deep_mlp(activation, kaiming)
    F.cross_entropy(model(X_batch), y_batch).backward()  # one backward pass, no step
    grad_norms[name] = [layer.weight.grad.norm().item() for layer in model if isinstance(layer, nn.Linear)]
    first, last = grad_norms[name][0], grad_norms[name][-1]
    print(f"{name:8} layer 1: {first:.1e}   layer {depth}: {last:.1e}   ratio first/last: {first / last:.1e}")
# --8<-- [end:grad_norms]

# --8<-- [start:plot]
fig, ax = figure(width=6.4, height=3.2)
for name, norms in grad_norms.items():
    ax.plot(range(1, depth + 1), norms, "o-", label=name)
ax.set(xlabel="layer (1 = next to the input)", ylabel="gradient norm of the weights", yscale="log")
ax.legend()
print(svg(fig, alt="Gradient norm per layer on a log scale: for the sigmoid stack it shrinks about threefold with every layer from the output back to the input; for the ReLU stack it stays nearly level."))
# --8<-- [end:plot]
