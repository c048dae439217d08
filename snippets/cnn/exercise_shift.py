"""Exercise: how much does the improved CNN's accuracy drop when every test digit moves a few pixels? (chapter: A CNN on MNIST)."""
import runpy
from pathlib import Path

import torch

# On its own, this file first runs improved.py, which trains the CNN; on the page the model is already there.
_page = runpy.run_path(str(Path(__file__).with_name("improved.py")))
model, test_loader = _page["model"], _page["test_loader"]
X_test, y_test = test_loader.dataset.tensors

# --8<-- [start:solution]
model.eval()
device = next(model.parameters()).device
shift_acc = {}
for shift in range(5):
    X_shifted = torch.roll(X_test, shifts=shift, dims=3)  # (2000, 1, 28, 28), moved right
    with torch.no_grad():
        predicted = model(X_shifted.to(device)).argmax(dim=1).cpu()
    shift_acc[shift] = (predicted == y_test).float().mean().item()
    print(f"shifted right by {shift} px: test accuracy {shift_acc[shift]:.4f}")
# --8<-- [end:solution]
