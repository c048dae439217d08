"""Exercise: draw every language equally often with WeightedRandomSampler (chapter: Dataset and DataLoader)."""
import torch

from torchsteps.datasets import load_surnames

# --8<-- [start:solution]
from torch.utils.data import WeightedRandomSampler

names, y, languages = load_surnames("train")  # y (13374,) int64
counts = torch.bincount(y, minlength=len(languages))  # (18,) names per language
weights = 1.0 / counts[y].double()  # (13374,): a rare language's names weigh more
sampler = WeightedRandomSampler(weights, num_samples=len(y), replacement=True, generator=torch.Generator().manual_seed(0))
drawn = torch.bincount(y[list(sampler)], minlength=len(languages))  # one epoch of draws
print("per language in the data: ", counts.min().item(), "to", counts.max().item())
print("per language in one epoch:", drawn.min().item(), "to", drawn.max().item(), f"(expected {len(y) / len(languages):.0f} each)")
# --8<-- [end:solution]
