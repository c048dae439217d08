"""Exercise: classify test digits one at a time with the CNN left in train mode (chapter: A CNN on MNIST)."""
import runpy
from pathlib import Path

import torch

# On its own, this file first runs improved.py, which trains the CNN; on the page the model is already there.
_page = runpy.run_path(str(Path(__file__).with_name("improved.py")))
model, test_loader = _page["model"], _page["test_loader"]
X_test, y_test = test_loader.dataset.tensors

# --8<-- [start:solution]
import copy

n = 200
device = next(model.parameters()).device
X, y = X_test[:n].to(device), y_test[:n].to(device)  # (200, 1, 28, 28), (200,)
probe = copy.deepcopy(model)  # train mode changes running stats
with torch.no_grad():
    probe.eval()
    eval_acc = (probe(X).argmax(dim=1) == y).float().mean().item()
    probe.train()  # batch norm now normalises with the statistics of whatever batch it gets
    batch_acc = (probe(X).argmax(dim=1) == y).float().mean().item()
    single = torch.cat([probe(X[i : i + 1]).argmax(dim=1) for i in range(n)])  # one digit a batch
    single_acc = (single == y).float().mean().item()
print(f"eval mode, one batch of {n}:  {eval_acc:.3f}")
print(f"train mode, one batch of {n}: {batch_acc:.3f}")
print(f"train mode, one digit a time: {single_acc:.3f}")
# --8<-- [end:solution]
