"""Tiny Shakespeare as integer codes, split into training and validation text (chapter: Generating text: a character language model)."""
# --8<-- [start:imports]
import torch

from torchsteps.charlm import Vocabulary
from torchsteps.datasets import load_shakespeare
# --8<-- [end:imports]

# --8<-- [start:settings]
train_fraction = 0.9  # the first 90% trains, the last 10% validates
# --8<-- [end:settings]

# --8<-- [start:data]
text = load_shakespeare()
split = int(train_fraction * len(text))
train_text, val_text = text[:split], text[split:]  # a fixed cut: a later, unseen stretch validates
vocab = Vocabulary(train_text)  # built from the training text only
V = len(vocab)
train_codes = vocab.encode(train_text)  # (1003854,) int64
val_codes = vocab.encode(val_text)  # (111540,) int64
print(f"{len(text):,} characters: {len(train_codes):,} train, {len(val_codes):,} validate")
print(f"{V} distinct characters: {vocab.characters!r}")
print(repr(train_text[:20]), "->", train_codes[:20].tolist())
# --8<-- [end:data]

# --8<-- [start:shift]
X = train_codes[:12]  # (12,) the inputs: "First Citize"
y = train_codes[1:13]  # (12,) the targets, one character later: "irst Citizen"
for t in range(4):
    print(f"after {train_text[: t + 1]!r:8} predict {train_text[t + 1]!r}:", end=" ")
    print(f"X[{t}] = {X[t].item():2} -> y[{t}] = {y[t].item()}")
print(repr(vocab.decode(X)), "->", repr(vocab.decode(y)))
# --8<-- [end:shift]
