"""Exercise: why build the optimizer after model.to(device)? (chapter: Device-agnostic code)."""
import torch
from torch import nn

# --8<-- [start:solution]
torch.manual_seed(0)
model = nn.Linear(4, 2)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)  # built BEFORE the move: the wrong order
model.to("meta")  # a second device that every build has
tracked = optimizer.param_groups[0]["params"]
print("optimizer holds the model's parameters:", all(p is q for p, q in zip(tracked, model.parameters())))
print("the optimizer updates tensors on", {p.device.type for p in tracked}, "| the model computes on", {p.device.type for p in model.parameters()})

model = nn.Linear(4, 2).to("meta")  # the right order: move, then build the optimizer
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
tracked = optimizer.param_groups[0]["params"]
print("right order, optimizer holds the model's parameters:", all(p is q for p, q in zip(tracked, model.parameters())))
# --8<-- [end:solution]
