"""Draw the one-cycle learning rate that the improved CNN trains with (chapter: A CNN on MNIST)."""
import torch

from torchsteps.cnn import mnist_loaders, one_cycle

max_lr, num_epochs = 0.01, 1  # as in improved.py
train_loader, _ = mnist_loaders(batch_size=64)

# --8<-- [start:imports]
from torchsteps.plotting import figure, svg
# --8<-- [end:imports]

# --8<-- [start:plot]
weight = torch.zeros(1, requires_grad=True)  # a stand-in parameter: only the schedule matters here
demo = torch.optim.AdamW([weight], lr=max_lr)
total_steps = num_epochs * len(train_loader)  # 1 epoch of 125 batches
one_cycle(demo, max_lr, total_steps)
lrs = []
for _ in range(total_steps):
    lrs.append(demo.param_groups[0]["lr"])
    demo.step()  # no gradient, so the weight stays put; the hook still moves the learning rate
fig, ax = figure(height=2.8)
ax.plot(lrs)
ax.set_xlabel("optimizer step")
ax.set_ylabel("learning rate")
print(svg(fig, alt=f"The one-cycle learning rate over {len(lrs)} steps: it rises from {lrs[0]:.4f} to {max(lrs):.4f} in the first "
          f"{lrs.index(max(lrs))} steps, then falls along a cosine to {lrs[-1]:.1e}."))
# --8<-- [end:plot]
