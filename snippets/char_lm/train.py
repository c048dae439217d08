"""Truncated backpropagation through time: the training loop (chapter: Generating text: a character language model)."""
import runpy
from pathlib import Path

import torch
import torch.nn.functional as F
from torch import nn

# On its own, this file first runs evaluate.py; on the page its settings and batches are there.
_page = runpy.run_path(str(Path(__file__).with_name("evaluate.py")))
lr, eval_every, evaluate = _page["lr"], _page["eval_every"], _page["evaluate"]
train_batches, val_batches, num_steps = _page["train_batches"], _page["val_batches"], _page["num_steps"]


# --8<-- [start:train]
def train(model: nn.Module, num_steps: int) -> dict[str, list]:
    """Adam on consecutive chunks, the hidden state carried on from chunk to chunk."""
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    decay = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: 1 - step / num_steps)
    history = {"train": [], "val_step": [0], "val": [evaluate(model, val_batches)]}
    for step in range(num_steps):
        k = step % len(train_batches)
        h = None if k == 0 else h.detach()  # keep the state, cut its history
        X, y = train_batches[k]  # (B, T) each; row i continues the previous batch's row i
        logits, h = model(X, h)  # (B, T, V), (1, B, H)
        # teacher forcing: every position predicts the true next character
        loss = F.cross_entropy(logits.flatten(0, 1), y.flatten())
        optimizer.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)  # tame a rare huge gradient
        optimizer.step()
        decay.step()
        history["train"].append(loss.item())
        if (step + 1) % eval_every == 0:
            history["val_step"].append(step + 1)
            history["val"].append(evaluate(model, val_batches))
    return history
# --8<-- [end:train]

if __name__ == "__main__":  # on its own: ten steps of a fresh model, to see the loop run
    from torchsteps.charlm import CharLM

    torch.manual_seed(0)
    print("training loss:", [round(loss, 3) for loss in train(CharLM(_page["V"]), 10)["train"]])
