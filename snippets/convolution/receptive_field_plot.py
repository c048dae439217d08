"""Draw where one output pixel looks after each layer of the stack (chapter: Convolution from the ground up)."""
import runpy
from pathlib import Path

# On its own, this file first runs receptive_field.py; on the page the footprints are already there.
_page = runpy.run_path(str(Path(__file__).with_name("receptive_field.py")))
stack, footprints = _page["stack"], _page["footprints"]

# --8<-- [start:imports]
from matplotlib.patches import Rectangle

from torchsteps.plotting import figure, svg
# --8<-- [end:imports]

# --8<-- [start:plot]
view = slice(8, 28)  # 20 x 20 pixels of the 32 x 32 input, around every field with a margin
fig, axes = figure(ncols=3, nrows=2, width=6.0, height=4.4)
for depth, (ax, (name, k, s), footprint) in enumerate(zip(axes.flat, stack, footprints), start=1):
    crop = footprint[view, view]  # (20, 20)
    ax.imshow(crop.sqrt().numpy(), cmap="Oranges")  # darker: more paths lead to the output
    rows = (crop != 0).any(dim=1).nonzero()[:, 0]  # the rows the gradient reaches
    cols = (crop != 0).any(dim=0).nonzero()[:, 0]
    extent = len(rows)
    corner = (cols[0].item() - 0.5, rows[0].item() - 0.5)  # pixel centres sit on integers
    ax.add_patch(Rectangle(corner, len(cols), extent, fill=False, color="black", linewidth=1.0))
    ax.set_title(f"after layer {depth} ({name}):\n{extent}×{extent} pixels", fontsize=10)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.grid(False)
    ax.spines[:].set_visible(True)  # a frame on all four sides: the edge of the view
print(svg(fig, alt="Six panels of a 20 by 20 part of the 32 by 32 input, one per layer of the stack: the outlined region that "
              "one output pixel depends on grows from 3 by 3 to 5, 6, 10, 14 and 16 pixels square, "
              "and is darkest in the middle, where the most paths lead."))
# --8<-- [end:plot]
