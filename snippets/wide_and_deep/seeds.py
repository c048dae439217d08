"""Retrain the 8-6-4-1 network from seeds 0 to 4: how much the test accuracy moves (chapter: Multiple inputs, wide and deep)."""
import runpy
from pathlib import Path

import torch
from torch import nn

# On its own, this file first runs train.py, for its data, train() and accuracy(); on the page they are already there.
_page = runpy.run_path(str(Path(__file__).with_name("train.py")))
X_test, y_test, train, accuracy = _page["X_test"], _page["y_test"], _page["train"], _page["accuracy"]

# --8<-- [start:seeds]
correct = []
for seed in range(5):
    torch.manual_seed(seed)  # seed 0 is the network of the table
    model = nn.Sequential(nn.Linear(8, 6), nn.ReLU(), nn.Linear(6, 4), nn.ReLU(), nn.Linear(4, 1))
    train(model)
    correct.append(round(accuracy(model, X_test, y_test) * len(y_test)))
    print(f"seed {seed}: {correct[-1]} of {len(y_test)} test patients right, accuracy {correct[-1] / len(y_test):.3f}")
print(f"range: {min(correct) / len(y_test):.3f} to {max(correct) / len(y_test):.3f}")
# --8<-- [end:seeds]
