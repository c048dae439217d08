"""Where the trained CNN's gradients lie against float16's range, before and after scaling (chapter: Mixed precision)."""
import runpy
from pathlib import Path

import torch
from torch import nn

from torchsteps.plotting import figure, svg

# On its own, this file first runs train.py; on the page model_fp32 is already there.
_page = runpy.run_path(str(Path(__file__).with_name("train.py")))
model_fp32, mnist_loaders = _page["model_fp32"], _page["mnist_loaders"]
scale = 65536.0

# --8<-- [start:gradients]
train_loader, test_loader = mnist_loaders(batch_size=64, seed=0)
X, y = next(iter(train_loader))  # (64, 1, 28, 28), (64,)
model_fp32.zero_grad()
nn.CrossEntropyLoss()(model_fp32(X), y).backward()  # float32 gradients of the trained model
grads = torch.cat([p.grad.flatten() for p in model_fp32.parameters()]).abs()  # every weight's |gradient|
grads = grads[grads > 0]
f16 = torch.finfo(torch.float16)
fractions = {}
for s in (1.0, scale):
    g16 = (grads * s).half()  # what float16 would store
    fractions[s] = {"zero": (g16 == 0).float().mean().item(), "subnormal": ((g16 > 0) & (g16 < f16.tiny)).float().mean().item(),
                    "inf": g16.isinf().float().mean().item()}
    print(f"scale {s:7.0f}: " + ", ".join(f"{k} {v:.2%}" for k, v in fractions[s].items()) + f" of {len(grads):,} gradients")
# --8<-- [end:gradients]

# --8<-- [start:figure]
fig, ax = figure()
for s, label in [(1.0, "gradients"), (scale, "gradients x 65536")]:
    ax.hist((grads * s).log10().numpy(), bins=60, alpha=0.6, label=label)
for value, text in [(f16.tiny * f16.eps, "smallest subnormal"), (f16.tiny, "smallest normal"), (f16.max, "largest")]:
    ax.axvline(torch.tensor(value).log10().item(), color="black", linestyle="--", linewidth=1)
    ax.text(torch.tensor(value).log10().item(), ax.get_ylim()[1] * 0.95, " " + text, fontsize=7, va="top")
ax.set(xlabel="log10 |gradient|", ylabel="number of weights")
ax.legend(loc="center right")
print(svg(fig, alt="Histograms of the base-10 logarithm of the trained CNN's weight gradients, unscaled and multiplied by 65536, with dashed lines at float16's smallest subnormal, smallest normal and largest values; scaling shifts the whole histogram right by log10(65536), about 4.8, into float16's normal range."))
# --8<-- [end:figure]
