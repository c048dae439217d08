"""The GRU language model and its loss before training (chapter: Generating text: a character language model)."""
import runpy
from pathlib import Path

import torch

from torchsteps.charlm import CharLM, contiguous_batches

# --8<-- [start:imports]
import math

import torch.nn.functional as F
from torch import nn
# --8<-- [end:imports]

_page = runpy.run_path(str(Path(__file__).with_name("data.py")))
train_codes, V = _page["train_codes"], _page["V"]

# --8<-- [start:untrained]
torch.manual_seed(0)
model = CharLM(V)  # 65 characters, 32-dimensional embeddings, 128 hidden units
X, y = contiguous_batches(train_codes, batch_size=4, seq_len=8)[0]  # (4, 8) each
logits, h = model(X)
print("X", tuple(X.shape), "-> logits", tuple(logits.shape), "and h", tuple(h.shape))
# (32, 65) logits against (32,) targets: one prediction per position
initial_loss = F.cross_entropy(logits.flatten(0, 1), y.flatten())
print(f"loss before training {initial_loss.item():.3f}, log V = {math.log(V):.3f}")
print(f"{sum(p.numel() for p in model.parameters()):,} parameters")
# --8<-- [end:untrained]
