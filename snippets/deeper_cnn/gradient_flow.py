"""Gradient norms of a deep plain stack against the same stack with identity paths (chapter: Wider and deeper: Inception and residual blocks)."""
import torch
from torch import nn

# --8<-- [start:imports]
import torch.nn.functional as F

from torchsteps.cnn import mnist_tensors
# --8<-- [end:imports]

# --8<-- [start:settings]
depths = (5, 10, 20, 40)  # 3x3 convolutions in the stack
channels = 8
# --8<-- [end:settings]


# --8<-- [start:stack]
class Stack(nn.Module):
    """A stem, `depth` conv + ReLU layers, a global average, a linear layer; `identity` adds x back."""

    def __init__(self, depth: int, identity: bool):
        super().__init__()
        self.identity = identity
        self.stem = nn.Conv2d(1, channels, 3, stride=2, padding=1)  # (B, 8, 14, 14)
        self.layers = nn.ModuleList(
            nn.Conv2d(channels, channels, 3, padding=1) for _ in range(depth))
        self.head = nn.Linear(channels, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.stem(x)  # (B, 8, 14, 14)
        for conv in self.layers:
            x = torch.relu(conv(x) + x) if self.identity else torch.relu(conv(x))
        return self.head(x.mean(dim=(2, 3)))  # (B, 8) -> (B, 10) logits


def layer_grad_norms(depth: int, identity: bool, X: torch.Tensor, y: torch.Tensor) -> list[float]:
    """Norm of each layer's weight gradient after one backward pass, layer 1 first."""
    torch.manual_seed(0)  # the same weights with and without the identity paths
    model = Stack(depth, identity)
    F.cross_entropy(model(X), y).backward()
    return [conv.weight.grad.norm().item() for conv in model.layers]
# --8<-- [end:stack]


# --8<-- [start:measure]
X_train, y_train, _, _ = mnist_tensors()
X, y = X_train[:32], y_train[:32]  # (32, 1, 28, 28), (32,): one batch of real digits
norms = {(depth, identity): layer_grad_norms(depth, identity, X, y)
         for depth in depths for identity in (False, True)}
print("| layers | layer 1, plain | layer 1, with identity paths | ratio |")
print("| ---: | ---: | ---: | ---: |")
for depth in depths:
    plain, residual = norms[depth, False][0], norms[depth, True][0]
    print(f"| {depth} | {plain:.1e} | {residual:.1e} | {residual / plain:.1e} |")
# --8<-- [end:measure]

