"""Predicted probabilities for a few test digits, drawn as a grid (chapter: Softmax classification)."""
import runpy
from pathlib import Path

import torch
import torch.nn.functional as F

# On its own, this file first runs mlp.py, which trains the MLP; on the page the model is already there.
_page = runpy.run_path(str(Path(__file__).with_name("mlp.py")))
model, X_test, y_test = _page["model"], _page["X_test"], _page["y_test"]

# --8<-- [start:imports]
from torchsteps.plotting import figure, svg
# --8<-- [end:imports]

# --8<-- [start:probabilities]
with torch.no_grad():
    probs = F.softmax(model(X_test), dim=1)  # (2000, 10): softmax only now, to read probabilities
y_hat = probs.argmax(dim=1)  # (2000,) predicted digits
wrong = (y_hat != y_test).nonzero().flatten()  # row numbers of the mistakes
show = torch.cat([torch.arange(4), wrong[:2]]).tolist()  # four test digits, then the first two mistakes
for i in show:
    print(f"test image {i:4d}: true {y_test[i].item()}, predicted {y_hat[i].item()} with probability {probs[i].max().item():.3f}")
# --8<-- [end:probabilities]

# --8<-- [start:grid]
fig, axes = figure(ncols=len(show), nrows=2, width=6.4, height=2.8)
for col, i in enumerate(show):
    axes[0, col].imshow(X_test[i, 0].numpy(), cmap="gray_r")
    axes[0, col].set_title(f"true {y_test[i].item()}", fontsize=8)
    axes[0, col].axis("off")
    colors = ["tab:green" if k == y_test[i] else "tab:red" if k == y_hat[i] else "tab:gray" for k in range(10)]
    axes[1, col].bar(range(10), probs[i].numpy(), color=colors)
    axes[1, col].set_ylim(0, 1)
    axes[1, col].set_xticks(range(10), [str(k) for k in range(10)], fontsize=6)
    axes[1, col].tick_params(axis="y", labelsize=6)
print(svg(fig, alt="Six test digits with bar charts of the ten predicted probabilities: the first four are predicted correctly with probability near 1; the last two are mistakes, where a tall red bar marks the wrong digit and the true digit gets almost no probability."))
# --8<-- [end:grid]
