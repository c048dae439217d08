"""CrossEntropyLoss with class probabilities as targets (soft targets, label smoothing) (chapter: Softmax classification)."""
import torch
from torch import nn

torch.manual_seed(0)
logits = torch.randn(5, 10)  # (5, 10)
y = torch.tensor([3, 0, 9, 1, 1])  # (5,) class indices
loss_fn = nn.CrossEntropyLoss()

# --8<-- [start:soft]
one_hot = nn.functional.one_hot(y, num_classes=10).float()  # (5, 10) float rows that sum to 1
print(f"indices: {loss_fn(logits, y):.6f}   one-hot probabilities: {loss_fn(logits, one_hot):.6f}")

smooth = 0.9 * one_hot + 0.1 / 10  # (5, 10): 0.91 on the true class, 0.01 on each other one
by_hand = -(smooth * logits.log_softmax(dim=1)).sum(dim=1).mean()  # -sum_k y_k log y_hat_k, averaged
print(f"soft targets: {loss_fn(logits, smooth):.6f}   by hand: {by_hand:.6f}")
print(f"label_smoothing=0.1: {nn.CrossEntropyLoss(label_smoothing=0.1)(logits, y):.6f}")
# --8<-- [end:soft]
