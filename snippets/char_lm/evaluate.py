"""The training and validation batches, and the validation loss with the hidden state carried along (chapter: Generating text: a character language model)."""
import runpy
from pathlib import Path

import torch
import torch.nn.functional as F
from torch import nn

from torchsteps.charlm import contiguous_batches

_page = runpy.run_path(str(Path(__file__).with_name("data.py")))
train_codes, val_codes, V = _page["train_codes"], _page["val_codes"], _page["V"]

# --8<-- [start:settings]
batch_size = 64  # parallel streams of text
seq_len = 32  # characters per chunk: how far back the gradient reaches
num_steps = 200  # about 0.4 passes over the training text
lr = 0.02  # Adam's step size at the start; it falls linearly to 0
eval_every = 50  # steps between two measurements of the validation loss
train_batches = contiguous_batches(train_codes, batch_size, seq_len)  # 490 of (64, 32)
# the validation text: 128 streams, each read in one piece
val_batches = contiguous_batches(val_codes, 128, len(val_codes) // 128)  # 1 of (128, 871)
print(len(train_batches), "training batches of", tuple(train_batches[0][0].shape))
print(len(val_batches), "validation batch of", tuple(val_batches[0][0].shape))
# --8<-- [end:settings]


# --8<-- [start:evaluate]
def evaluate(model: nn.Module, batches: list) -> float:
    """The mean loss in nats per character, carrying the hidden state along each stream."""
    total, count, h = 0.0, 0, None
    with torch.no_grad():
        for X, y in batches:
            logits, h = model(X, h)  # (B, T, V)
            loss = F.cross_entropy(logits.flatten(0, 1), y.flatten(), reduction="sum")
            total, count = total + loss.item(), count + y.numel()
    return total / count
# --8<-- [end:evaluate]
