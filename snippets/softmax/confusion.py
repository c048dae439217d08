"""The confusion matrix of the MLP on the 2,000 test digits (chapter: Softmax classification)."""
import runpy
from pathlib import Path

import torch

# On its own, this file first runs mlp.py, which trains the MLP; on the page the model is already there.
_page = runpy.run_path(str(Path(__file__).with_name("mlp.py")))
model, X_test, y_test = _page["model"], _page["X_test"], _page["y_test"]

with torch.no_grad():
    y_hat = model(X_test).argmax(dim=1)  # (2000,)

# --8<-- [start:confusion]
cm = torch.bincount(y_test * 10 + y_hat, minlength=100).view(10, 10)  # row: true digit, column: predicted
print(cm)
print(f"{cm.sum().item()} test images, {cm.diag().sum().item()} on the diagonal: accuracy {cm.diag().sum().item() / cm.sum().item():.4f}")
# --8<-- [end:confusion]

# --8<-- [start:imports]
from torchsteps.plotting import figure, svg
# --8<-- [end:imports]

# --8<-- [start:plot]
fig, ax = figure(width=4.8, height=4.2)
ax.imshow(cm.numpy(), cmap="Blues")
for true in range(10):
    for pred in range(10):
        count = cm[true, pred].item()
        if count:
            ax.text(pred, true, count, ha="center", va="center", fontsize=7, color="white" if true == pred else "black")
ax.set_xticks(range(10))
ax.set_yticks(range(10))
ax.set_xlabel("predicted digit")
ax.set_ylabel("true digit")
ax.grid(False)
print(svg(fig, alt="Confusion matrix of the MLP on 2,000 test digits: large counts on the diagonal, and a few small counts off it where one digit was taken for another."))
# --8<-- [end:plot]
