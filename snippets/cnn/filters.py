"""Draw the 16 filters that the improved CNN's first layer learned (chapter: A CNN on MNIST)."""
import runpy
from pathlib import Path

# On its own, this file first runs improved.py, which trains the CNN; on the page the model is already there.
model = runpy.run_path(str(Path(__file__).with_name("improved.py")))["model"]

# --8<-- [start:imports]
from torchsteps.plotting import figure, svg
# --8<-- [end:imports]

# --8<-- [start:filters]
filters = model.features[0].weight.detach().cpu()  # (16, 1, 5, 5): (C_out, C_in, kH, kW)
print("first-layer weights:", tuple(filters.shape))
limit = filters.abs().max().item()  # one colour scale for all, 0 in the middle
fig, axes = figure(ncols=8, nrows=2, width=6.0, height=1.9)
for k, (ax, w) in enumerate(zip(axes.flat, filters)):
    ax.imshow(w[0].numpy(), cmap="RdBu_r", vmin=-limit, vmax=limit)  # red > 0 > blue
    ax.set_title(str(k), fontsize=8)
    ax.set_axis_off()
print(svg(fig, alt="The 16 learned 5 by 5 filters of the first convolution, red for positive and blue for "
          "negative weights. They are noisy; many have a patch of red beside a patch of blue."))
# --8<-- [end:filters]
