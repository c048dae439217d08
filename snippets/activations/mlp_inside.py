"""Print the course's MNIST MLP and count its weights (chapter: MLPs, activations and initialisation)."""
from torch import nn

from torchsteps.models import MLP

# --8<-- [start:print]
model = MLP()  # the default: 784-520-320-240-120-10 with ReLU
print(model)
print("parameters:", sum(p.numel() for p in model.parameters()))
print("hidden layers:", sum(isinstance(m, nn.Linear) for m in model.modules()) - 1)
# --8<-- [end:print]
