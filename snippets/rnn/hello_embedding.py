"""The same task with nn.Embedding: a learned vector per character instead of a one-hot (chapter: Recurrent networks)."""
import runpy
from pathlib import Path

import torch
import torch.nn.functional as F
from torch import nn

# On its own, this file first runs hello_onehot.py for its data, CharRNN and train; on the page they are already there.
_page = runpy.run_path(str(Path(__file__).with_name("hello_onehot.py")))
chars, X_idx, hidden_size = _page["chars"], _page["X_idx"], _page["hidden_size"]
CharRNN, train = _page["CharRNN"], _page["train"]

# --8<-- [start:settings]
embedding_dim = 10
# --8<-- [end:settings]

# --8<-- [start:lookup]
torch.manual_seed(0)
embedding = nn.Embedding(len(chars), embedding_dim)  # a (5, 10) table of learnable vectors
E = embedding(X_idx.unsqueeze(0))  # (B, T) codes -> (B, T, 10) vectors
one_hot = F.one_hot(X_idx, num_classes=len(chars)).float()  # (T, 5)
print("embedded:", tuple(E.shape))
print("a lookup is a one-hot times the table:", torch.allclose(E[0], one_hot @ embedding.weight))
# --8<-- [end:lookup]

# --8<-- [start:train]
model = nn.Sequential(embedding, CharRNN(embedding_dim, hidden_size, len(chars)))
losses_embedding, history_embedding = train(model, X_idx.unsqueeze(0))  # codes (1, 6), not one-hot vectors
print("final:", history_embedding[-1])
# --8<-- [end:train]
