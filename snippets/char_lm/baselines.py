"""Unigram and bigram baselines from counts, with add-one smoothing (chapter: Generating text: a character language model)."""
import runpy
from pathlib import Path

import torch

# --8<-- [start:imports]
import math
# --8<-- [end:imports]

# On its own, this file first runs data.py; on the page the codes are already there.
_page = runpy.run_path(str(Path(__file__).with_name("data.py")))
train_codes, val_codes, V, vocab = (_page[k] for k in ("train_codes", "val_codes", "V", "vocab"))

# --8<-- [start:baselines]
prev, nxt = val_codes[:-1], val_codes[1:]  # (111539,) each: a character and the next one

counts = torch.bincount(train_codes, minlength=V).double()  # (V,) how often each occurs
unigram = (counts + 1) / (counts.sum() + V)  # add-one: no character gets probability 0
unigram_loss = -unigram.log()[nxt].mean().item()

pair_codes = train_codes[:-1] * V + train_codes[1:]  # the pair (a, c) as the number aV + c
pairs = torch.bincount(pair_codes, minlength=V * V).view(V, V).double()  # (V, V) row a, column c
bigram = (pairs + 1) / (pairs.sum(dim=1, keepdim=True) + V)  # (V, V): row a is p(. | a)
bigram_loss = -bigram.log()[prev, nxt].mean().item()

print(f"uniform: {math.log(V):.4f} nats/char, perplexity {V}")
print(f"unigram: {unigram_loss:.4f} nats/char, perplexity {math.exp(unigram_loss):.2f}")
print(f"bigram:  {bigram_loss:.4f} nats/char, perplexity {math.exp(bigram_loss):.2f}")
# --8<-- [end:baselines]

# --8<-- [start:peek]
a, c = vocab.index["h"], vocab.index["e"]
print(f"'e' occurs {int(counts[c]):,} times in {int(counts.sum()):,}:", end=" ")
print(f"p(e) = {unigram[c].item():.4f}")
print(f"'h' is followed by 'e' {int(pairs[a, c]):,} times in {int(pairs[a].sum()):,}:", end=" ")
print(f"p(e | h) = {bigram[a, c].item():.4f}")
# --8<-- [end:peek]
