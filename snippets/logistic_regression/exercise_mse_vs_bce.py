"""Exercise: squared error on a sigmoid barely moves a confidently wrong prediction (chapter: Logistic regression)."""
import torch
from torch import nn

# --8<-- [start:solution]
y = torch.tensor([1.0])  # the true label
for score in [0.0, -3.0, -6.0, -10.0]:  # ever more confidently wrong
    z = torch.tensor([score], requires_grad=True)
    nn.MSELoss()(torch.sigmoid(z), y).backward()
    mse_grad = z.grad.item()
    z.grad = None
    nn.BCEWithLogitsLoss()(z, y).backward()
    bce_grad = z.grad.item()
    p = torch.sigmoid(z).item()
    print(f"z = {score:6.1f}  p = {p:.5f}  MSE gradient {mse_grad:10.6f}  BCE gradient {bce_grad:8.4f}")
# --8<-- [end:solution]
