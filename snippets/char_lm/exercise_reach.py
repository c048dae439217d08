"""Exercise: how far back does the gradient of one prediction reach? (chapter: Generating text: a character language model)."""
import runpy
from pathlib import Path

import torch
import torch.nn.functional as F

# On its own, this file first runs fit.py, which trains the model; on the page it is there.
_page = runpy.run_path(str(Path(__file__).with_name("fit.py")))
model, val_codes = _page["model"], _page["val_codes"]

# --8<-- [start:solution]
window = 128  # characters read before the prediction
X = val_codes[: 64 * window].view(64, window)  # (64, 128): 64 windows of validation text
y = val_codes[window : 64 * window + 1 : window]  # (64,) the character after each window
# the embedded inputs as a leaf tensor, so that backward fills in their gradient
E = model.embedding(X).detach().requires_grad_()  # (64, 128, 32)
out, _ = model.rnn(E)  # (64, 128, H)
loss = F.cross_entropy(model.head(out[:, -1]), y, reduction="sum")  # the last prediction only
loss.backward()
reach = E.grad.norm(dim=2).mean(dim=0)  # (128,) gradient size at each input position
for back in (1, 2, 4, 8, 16, 32, 64, 128):
    print(f"{back:3} characters back: gradient {reach[window - back].item():.2e}")
# --8<-- [end:solution]
