"""The unrolled picture of an RNN: one cell, the same weights, applied at every time step (chapter: Recurrent networks)."""
# --8<-- [start:imports]
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from torchsteps.plotting import figure, svg
# --8<-- [end:imports]

# --8<-- [start:settings]
num_steps = 4
# --8<-- [end:settings]


# --8<-- [start:figure]
def arrow(ax, start, end):
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=12, color="0.25", lw=1.2))


fig, ax = figure(width=6.4, height=2.6)
for t in range(1, num_steps + 1):
    x = 2.0 * t  # one column per time step
    box = FancyBboxPatch((x - 0.5, 0.6), 1.0, 0.8, boxstyle="round,pad=0.05", fc="#dbe9f6", ec="#1f5f99")
    ax.add_patch(box)
    ax.text(x, 1.0, "tanh", ha="center", va="center", fontsize=10)
    ax.text(x, -0.35, f"$x_{t}$", ha="center", va="center", fontsize=12)
    ax.text(x, 2.35, f"$h_{t}$", ha="center", va="center", fontsize=12)
    arrow(ax, (x, -0.1), (x, 0.55))  # W_xh x_t enters from below
    arrow(ax, (x, 1.45), (x, 2.1))  # h_t leaves upwards (to a head, or a next layer)
    arrow(ax, (x - 1.45, 1.0), (x - 0.55, 1.0))  # W_hh h_(t-1) enters from the left
    ax.text(x - 1.0, 1.15, f"$h_{t - 1}$", ha="center", va="bottom", fontsize=9)
arrow(ax, (2.0 * num_steps + 0.55, 1.0), (2.0 * num_steps + 1.3, 1.0))
ax.text(2.0 * num_steps + 1.45, 1.0, "...", ha="left", va="center", fontsize=12)
ax.set_xlim(0.4, 2.0 * num_steps + 2.0)
ax.set_ylim(-0.7, 2.7)
ax.set_axis_off()
print(svg(fig, alt=(
    f"An RNN unrolled over {num_steps} time steps: the same tanh cell in every column takes the input x_t "
    "from below and the previous hidden state from the left, and passes h_t up and to the right."
)))
# --8<-- [end:figure]
