"""Trace a batch through PyTorchZeroToAll's CNN, layer by layer, and count its parameters (chapter: A CNN on MNIST)."""
# --8<-- [start:imports]
import torch
from torch import nn
# --8<-- [end:imports]

from torchsteps.cnn import ClassicCNN

# --8<-- [start:shapes]
torch.manual_seed(0)
model = ClassicCNN()
steps = [
    ("conv1", model.conv1), ("pool", model.pool), ("relu", torch.relu),
    ("conv2", model.conv2), ("pool", model.pool), ("relu", torch.relu),
    ("flatten", lambda t: torch.flatten(t, 1)), ("fc", model.fc),
]
x = torch.zeros(64, 1, 28, 28)  # (B, C, H, W): a batch shaped like MNIST
print(f"{'input':8} {tuple(x.shape)}")
for name, layer in steps:
    x = layer(x)
    print(f"{name:8} {tuple(x.shape)}")
# --8<-- [end:shapes]

# --8<-- [start:params]
for name, p in model.named_parameters():
    print(f"{name:13} {str(tuple(p.shape)):15} {p.numel():>5,}")
print(f"{'total':29} {sum(p.numel() for p in model.parameters()):>5,}")
# --8<-- [end:params]
