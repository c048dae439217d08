"""The unrolled picture of an RNN: one cell, the same weights, applied at every time step (chapter: Recurrent networks)."""
# --8<-- [start:imports]
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from torchsteps.plotting import figure, svg
# --8<-- [end:imports]

# --8<-- [start:settings]
num_steps = 3
# --8<-- [end:settings]


# --8<-- [start:figure]
def arrow(ax, start, end):
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=16, color="0.25", lw=1.5))


fig, ax = figure(width=6.4, height=2.8)
for t in range(1, num_steps + 1):
    x = 2.2 * t  # one column per time step
    box = FancyBboxPatch((x - 0.45, 0.6), 0.9, 0.8, boxstyle="round,pad=0.05", fc="#dbe9f6", ec="#1f5f99")
    ax.add_patch(box)
    ax.text(x, 1.0, "tanh", ha="center", va="center", fontsize=14)
    ax.text(x, -0.4, f"$x_{t}$", ha="center", va="center", fontsize=17)
    ax.text(x, 2.4, f"$h_{t}$", ha="center", va="center", fontsize=17)
    arrow(ax, (x, -0.15), (x, 0.55))  # x_t enters from below, through W_xh
    ax.text(x + 0.08, 0.2, "$W_{xh}$", ha="left", va="center", fontsize=13, color="#1f5f99")
    arrow(ax, (x, 1.45), (x, 2.15))  # h_t leaves upwards (to a head, or a next layer)
    arrow(ax, (x - 1.7, 1.0), (x - 0.5, 1.0))  # h_(t-1) enters from the left, through W_hh
    ax.text(x - 1.1, 1.1, f"$h_{t - 1}$", ha="center", va="bottom", fontsize=14)
    ax.text(x - 1.1, 0.9, "$W_{hh}$", ha="center", va="top", fontsize=13, color="#1f5f99")
end = 2.2 * num_steps + 0.5
arrow(ax, (end, 1.0), (end + 0.9, 1.0))
ax.text(end + 1.0, 1.0, "...", ha="left", va="center", fontsize=17)
ax.set_xlim(0.3, end + 1.5)
ax.set_ylim(-0.75, 2.75)
ax.set_axis_off()
print(svg(fig, alt=(
    f"An RNN unrolled over {num_steps} time steps: the same tanh cell in every column takes the input x_t "
    "from below through W_xh and the previous hidden state from the left through W_hh, "
    "and passes h_t up and to the right; every column uses the same two matrices."
)))
# --8<-- [end:figure]
