"""Exercise: a trigram baseline from counts, with add-one and with smaller pseudo-counts (chapter: Generating text: a character language model)."""
import math
import runpy
from pathlib import Path

import torch

_page = runpy.run_path(str(Path(__file__).with_name("baselines.py")))
train_codes, val_codes, V, bigram_loss = (_page[k] for k in ("train_codes", "val_codes", "V", "bigram_loss"))


# --8<-- [start:solution]
def trigram_loss(alpha: float) -> float:
    """Validation loss of p(c | a, b) = (n(a, b, c) + alpha) / (n(a, b) + alpha V)."""
    t, v = train_codes, val_codes
    triples = torch.bincount((t[:-2] * V + t[1:-1]) * V + t[2:], minlength=V**3)
    triples = triples.view(V * V, V).double()  # row aV + b: the context (a, b)
    probs = (triples + alpha) / (triples.sum(dim=1, keepdim=True) + alpha * V)  # rows sum to 1
    return -probs.log()[v[:-2] * V + v[1:-1], v[2:]].mean().item()


print(f"bigram,  alpha = 1:    {bigram_loss:.4f} nats/char, perplexity {math.exp(bigram_loss):.2f}")
for alpha in (1, 0.1, 0.01):
    loss = trigram_loss(alpha)
    print(f"trigram, alpha = {alpha:<4}: {loss:.4f} nats/char, perplexity {math.exp(loss):.2f}")
# --8<-- [end:solution]
