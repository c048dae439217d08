"""Exercise: the digit pairs the MLP confuses most, read off the confusion matrix (chapter: Softmax classification)."""
import runpy
from pathlib import Path

import torch

# On its own, this file first runs mlp.py, which trains the MLP; on the page the model is already there.
_page = runpy.run_path(str(Path(__file__).with_name("mlp.py")))
model, X_test, y_test = _page["model"], _page["X_test"], _page["y_test"]

with torch.no_grad():
    y_hat = model(X_test).argmax(dim=1)  # (2000,)
cm = torch.bincount(y_test * 10 + y_hat, minlength=100).view(10, 10)

# --8<-- [start:solution]
off = cm.clone()
off.fill_diagonal_(0)  # keep only the mistakes
counts, flat = off.flatten().topk(3)  # the three largest cells of the flattened (100,) matrix
for count, k in zip(counts.tolist(), flat.tolist()):
    print(f"true {k // 10} predicted as {k % 10}: {count} times")  # cell k is row k // 10, column k % 10
print("mistakes in all:", off.sum().item())
# --8<-- [end:solution]
