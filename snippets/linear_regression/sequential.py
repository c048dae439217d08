"""The same model with nn.Sequential, and with named layers through an OrderedDict (chapter: Linear regression the PyTorch way)."""
# --8<-- [start:imports]
from collections import OrderedDict
# --8<-- [end:imports]

import torch
from torch import nn

# --8<-- [start:sequential]
torch.manual_seed(1)
seq_model = nn.Sequential(nn.Linear(1, 1))  # layers run in order; no class to write
print(seq_model)
print("first layer's weight:", seq_model[0].weight)  # layers are numbered

torch.manual_seed(1)
named_model = nn.Sequential(OrderedDict([("fc", nn.Linear(1, 1))]))  # layers get names
print(named_model)
print("the layer called fc: ", named_model.fc.weight)
# --8<-- [end:sequential]

# --8<-- [start:two_layers]
two_layer = nn.Sequential(OrderedDict([
    ("fc1", nn.Linear(1, 8)),  # x -> 8 hidden values
    ("act", nn.Sigmoid()),
    ("fc2", nn.Linear(8, 1)),  # 8 hidden values -> y_hat
]))
for name, param in two_layer.named_parameters():
    print(f"{name:11} {tuple(param.shape)}")
print("parameters in all:", sum(p.numel() for p in two_layer.parameters()))
# --8<-- [end:two_layers]
