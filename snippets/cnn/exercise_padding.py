"""Exercise: give both convolutions padding=2; what size must the fully connected layer have? (chapter: A CNN on MNIST)."""
import torch
from torch import nn

# --8<-- [start:solution]
features = nn.Sequential(
    nn.Conv2d(1, 10, kernel_size=5, padding=2), nn.MaxPool2d(2), nn.ReLU(),  # 28 -> 28 -> 14
    nn.Conv2d(10, 20, kernel_size=5, padding=2), nn.MaxPool2d(2), nn.ReLU(),  # 14 -> 14 -> 7
    nn.Flatten(),
)
X = torch.zeros(64, 1, 28, 28)  # (B, C, H, W)
print("flattened features:", tuple(features(X).shape), "= 20 * 7 * 7 =", 20 * 7 * 7)
padded = nn.Sequential(features, nn.Linear(20 * 7 * 7, 10))
print("logits:", tuple(padded(X).shape))
print(f"fc parameters: {sum(p.numel() for p in padded[1].parameters()):,} (3,210 without padding)")
# --8<-- [end:solution]
