"""Show every test digit that the improved CNN gets wrong, with its prediction (chapter: A CNN on MNIST)."""
import runpy
from pathlib import Path

import torch

# On its own, this file first runs improved.py, which trains the CNN; on the page the model is already there.
_page = runpy.run_path(str(Path(__file__).with_name("improved.py")))
model, test_loader = _page["model"], _page["test_loader"]
X_test, y_test = test_loader.dataset.tensors

from torchsteps.plotting import figure, svg

# --8<-- [start:mistakes]
model.eval()
device = next(model.parameters()).device
with torch.no_grad():
    y_hat = model(X_test.to(device)).argmax(dim=1).cpu()  # (2000,) predicted digits
wrong = (y_hat != y_test).nonzero().flatten()  # indices of the mistakes
print(f"{len(wrong)} mistakes in {len(y_test)} test digits")
show = wrong[:27]  # at most three rows of nine
ncols, nrows = 9, -(-len(show) // 9)
fig, axes = figure(ncols, nrows, width=6.4, height=0.95 * nrows, squeeze=False)
for ax, i in zip(axes.flat, show):
    ax.imshow(X_test[i, 0].numpy(), cmap="gray_r")
    ax.set_title(f"{y_hat[i].item()} (true {y_test[i].item()})", fontsize=7)
for ax in axes.flat:
    ax.set_axis_off()
print(svg(fig, alt=f"Test digits that the CNN gets wrong ({len(show)} of {len(wrong)} shown), titled "
          "'prediction (true digit)'. Many are badly written: open loops, strong slants, in-between shapes."))
# --8<-- [end:mistakes]
