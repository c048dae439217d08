"""Exercise: count the parameters of both diabetes models by hand (chapter: Multiple inputs, wide and deep)."""
import torch
from torch import nn

# --8<-- [start:solution]
torch.manual_seed(0)
linear_model = nn.Linear(8, 1)
deep_model = nn.Sequential(nn.Linear(8, 6), nn.ReLU(), nn.Linear(6, 4), nn.ReLU(), nn.Linear(4, 1))
by_hand = {"linear": 8 * 1 + 1, "deep": (8 * 6 + 6) + (6 * 4 + 4) + (4 * 1 + 1)}  # weights + biases per layer
for name, p in deep_model.named_parameters():
    print(f"{name:>8} {tuple(p.shape)!s:>7} {p.numel():3d}")
counted = {"linear": sum(p.numel() for p in linear_model.parameters()),
           "deep": sum(p.numel() for p in deep_model.parameters())}
print("by hand:", by_hand, " counted:", counted)
# --8<-- [end:solution]
