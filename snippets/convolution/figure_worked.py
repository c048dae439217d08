"""Draw the worked example: input, kernel, the window of one output entry, and the output grid (chapter: Convolution from the ground up)."""
import runpy
from pathlib import Path

# On its own, this file first runs by_hand.py; on the page X, K, Y, i, j are already there.
_page = runpy.run_path(str(Path(__file__).with_name("by_hand.py")))
X, K, Y, i, j, terms = (_page[name] for name in ["X", "K", "Y", "i", "j", "terms"])

# --8<-- [start:imports]
from matplotlib.patches import Rectangle

from torchsteps.plotting import figure, svg
# --8<-- [end:imports]


# --8<-- [start:helper]
def draw_grid(ax, values, title, box=None, color="tab:orange"):
    """Numbers in a grid of cells; box=(row, col, height, width) outlines a block of them."""
    ax.imshow(values.numpy() * 0, cmap="Greys", vmin=0, vmax=1)  # a blank canvas with one pixel per cell
    for r in range(values.shape[0]):
        for c in range(values.shape[1]):
            ax.text(c, r, f"{values[r, c].item():g}", ha="center", va="center", fontsize=12)
    if box is not None:
        r, c, h, w = box
        ax.add_patch(Rectangle((c - 0.5, r - 0.5), w, h, fill=True, alpha=0.25, color=color, linewidth=0))
    ax.set_xticks(range(values.shape[1]))
    ax.set_yticks(range(values.shape[0]))
    ax.set_xticks([x - 0.5 for x in range(values.shape[1] + 1)], minor=True)
    ax.set_yticks([y - 0.5 for y in range(values.shape[0] + 1)], minor=True)
    ax.grid(which="minor", color="black", alpha=0.6)
    ax.grid(which="major", visible=False)
    ax.tick_params(which="both", length=0, labelsize=8)
    ax.set_title(title, fontsize=10)
# --8<-- [end:helper]

# --8<-- [start:plot]
fig, axes = figure(ncols=3, width=6.4, height=2.6, gridspec_kw={"width_ratios": [4, 2, 3]})
draw_grid(axes[0], X, "input X (4×4)", box=(i, j, K.shape[0], K.shape[1]))
draw_grid(axes[1], K, "kernel K (2×2)", box=(0, 0, K.shape[0], K.shape[1]))
draw_grid(axes[2], Y, "output Y (3×3)", box=(i, j, 1, 1))
fig.suptitle(f"Y[{i}, {j}] = {terms} = {Y[i, j].item():g}", fontsize=10)
print(svg(fig, alt=f"The 4 by 4 input with the 2 by 2 window at row {i}, column {j} shaded, the 2 by 2 "
              f"kernel, and the 3 by 3 output with entry ({i}, {j}), equal to {Y[i, j].item():g}, shaded: "
              "that entry is the sum of the shaded window times the kernel."))
# --8<-- [end:plot]
