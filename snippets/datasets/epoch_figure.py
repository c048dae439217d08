"""Draw an epoch as batches: 607 samples in batches of 32, with and without drop_last (chapter: Dataset and DataLoader)."""
# --8<-- [start:imports]
import math

from torchsteps.plotting import figure, svg
# --8<-- [end:imports]

# --8<-- [start:plot]
N, batch_size = 607, 32
fig, ax = figure(width=6.4, height=1.9)
rows = {"drop_last=True": N // batch_size, "epoch 2": math.ceil(N / batch_size), "epoch 1": math.ceil(N / batch_size)}
for row, (name, iterations) in enumerate(rows.items()):
    for i in range(iterations):
        start = i * batch_size
        width = min(batch_size, N - start)
        ax.barh(row, width, left=start, height=0.6, color=("tab:blue", "tab:orange")[i % 2], edgecolor="white")
    if iterations * batch_size < N:  # the short batch that drop_last throws away
        ax.barh(row, N - iterations * batch_size, left=iterations * batch_size, height=0.6, color="lightgrey", hatch="//")
        ax.text(N + 8, row, f"{N - iterations * batch_size} skipped", va="center", fontsize=8)
    else:
        ax.text(N + 8, row, f"last: {N - (iterations - 1) * batch_size}", va="center", fontsize=8)
ax.set_yticks(range(len(rows)), list(rows))
ax.set_xlim(0, N + 90)
ax.set_xticks([0, 128, 256, 384, 512, N])
ax.set_xlabel("samples seen in the epoch (each coloured block is one batch, one iteration)")
ax.grid(False)
print(svg(fig, alt="Two epochs of 607 samples, each cut into 19 batches of 32 with a final batch of 31; with drop_last the final 31 are skipped, leaving 18 batches."))
# --8<-- [end:plot]
