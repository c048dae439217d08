"""Show what the improved CNN's first layer makes of one test digit: 16 feature maps (chapter: A CNN on MNIST)."""
import runpy
from pathlib import Path

import torch

# On its own, this file first runs improved.py, which trains the CNN; on the page the model is already there.
_page = runpy.run_path(str(Path(__file__).with_name("improved.py")))
model, test_loader = _page["model"], _page["test_loader"]

from torchsteps.plotting import figure, svg

# --8<-- [start:maps]
model.eval()  # batch norm uses its running statistics, as at test time
device = next(model.parameters()).device
X_test, y_test = test_loader.dataset.tensors  # (2000, 1, 28, 28) normalised, (2000,)
digit = X_test[:1]  # (1, 1, 28, 28): a batch of one
with torch.no_grad():
    maps = model.features[0](digit.to(device))[0].cpu()  # (16, 24, 24): a map per filter
print(f"digit {y_test[0].item()}: {tuple(digit.shape)} -> maps {tuple(maps.shape)}")
fig, axes = figure(ncols=9, nrows=2, width=6.4, height=1.8)
axes[0, 0].imshow(digit[0, 0].numpy(), cmap="gray_r")
axes[0, 0].set_title("input", fontsize=8)
limit = maps.abs().max().item()
for k, (ax, m) in enumerate(zip(axes[:, 1:].flat, maps)):
    ax.imshow(m.numpy(), cmap="RdBu_r", vmin=-limit, vmax=limit)
    ax.set_title(str(k), fontsize=8)
for ax in axes.flat:
    ax.set_axis_off()
print(svg(fig, alt=f"A test digit {y_test[0].item()} and the 16 maps that the first layer's filters make of it. "
          "Most maps are red along one side of each stroke and blue along the other."))
# --8<-- [end:maps]
