"""Names of different lengths as batches: encode, pad, pack, and classify with a GRU.

Every public object here is introduced by the chapter "Classifying surnames by language".
Bad input (an empty name, a character outside the vocabulary, a length of 0)
raises a ValueError that names the culprit, before torch sees it.
"""
from __future__ import annotations

# --8<-- [start:imports]
import torch
from torch import nn
from torch.nn.utils.rnn import PackedSequence, pack_padded_sequence, pad_sequence
from torch.utils.data import Dataset

from torchsteps.text import PAD_INDEX, SURNAMES, CharVocab, to_ascii
# --8<-- [end:imports]


# --8<-- [start:encode]
def encode_name(name: str, vocab: CharVocab = SURNAMES) -> torch.Tensor:
    """A name as a ``(len,)`` int64 tensor of codes (chapter: Classifying surnames by language).

    Accents are stripped first with ``to_ascii`` ("Müller" is read as "Muller").
    Any other character outside the vocabulary raises a ValueError naming it and the name.
    """
    if not isinstance(name, str):
        raise TypeError(f"name must be a str, got {type(name).__name__}")
    if not name.strip():
        raise ValueError(f"name {name!r} is empty: a name needs at least one letter")
    plain = to_ascii(name)  # documented mapping: accented letters become plain ones
    unknown = [c for c in dict.fromkeys(plain) if c not in vocab.index]
    if unknown:
        raise ValueError(f"name {name!r} holds {', '.join(map(repr, unknown))}, not in the vocabulary "
                         f"(ASCII letters, space and apostrophe once accents are stripped); remove or replace it")
    return torch.tensor([vocab.index[c] for c in plain], dtype=torch.int64)  # (len,)
# --8<-- [end:encode]


class NamesDataset(Dataset):
    """Item ``i`` is (codes of ``names[i]``, ``y[i]``); all names are encoded once, up front
    (chapter: Classifying surnames by language).

    A name that cannot be encoded raises a ValueError naming its position.
    """

    def __init__(self, names: list[str], y: torch.Tensor, vocab: CharVocab = SURNAMES):
        if len(names) != len(y):
            raise ValueError(f"names has {len(names)} entries but y has {len(y)}: give one label per name")
        self.names, self.y, self.codes = list(names), y, []
        for i, name in enumerate(self.names):
            try:
                self.codes.append(encode_name(name, vocab))
            except (TypeError, ValueError) as error:
                raise type(error)(f"names[{i}]: {error}") from None

    def __len__(self) -> int:
        return len(self.names)

    def __getitem__(self, i: int) -> tuple[torch.Tensor, torch.Tensor]:
        return self.codes[i], self.y[i]  # (len,) int64, () int64


# --8<-- [start:collate]
def pad_collate(batch: list[tuple[torch.Tensor, torch.Tensor]]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """(codes, label) items to ``(padded (B, T), lengths (B,), labels (B,))``, T the longest
    (chapter: Classifying surnames by language)."""
    if len(batch) == 0:
        raise ValueError("batch is empty: collate needs at least one (codes, label) item")
    codes, labels = zip(*batch)
    lengths = torch.tensor([len(c) for c in codes])  # (B,)
    if (lengths == 0).any():
        i = int((lengths == 0).nonzero()[0])
        raise ValueError(f"item {i} of the batch has no characters: drop empty names before batching")
    padded = pad_sequence(list(codes), batch_first=True, padding_value=PAD_INDEX)  # (B, T)
    return padded, lengths, torch.stack(labels)
# --8<-- [end:collate]


# --8<-- [start:pack]
def pack(x: torch.Tensor, lengths: torch.Tensor) -> PackedSequence:
    """Pack a padded ``(B, T, ...)`` batch so a recurrent layer skips the padding
    (chapter: Classifying surnames by language).

    The batch need not be sorted by length (``enforce_sorted=False``).
    """
    if x.ndim < 2:
        raise ValueError(f"x must be a padded batch (B, T, ...), got shape {tuple(x.shape)}")
    lengths = torch.as_tensor(lengths)
    if lengths.ndim != 1 or len(lengths) != len(x):
        raise ValueError(f"lengths must have shape ({len(x)},), one length per row of x, got {tuple(lengths.shape)}")
    if (lengths < 1).any():
        i = int((lengths < 1).nonzero()[0])
        raise ValueError(f"lengths[{i}] is {int(lengths[i])}: a sequence of length 0 cannot be packed; drop empty names first")
    if lengths.max() > x.shape[1]:
        raise ValueError(f"lengths holds {int(lengths.max())}, longer than the {x.shape[1]} steps of x")
    return pack_padded_sequence(x, lengths.cpu(), batch_first=True, enforce_sorted=False)
# --8<-- [end:pack]


# --8<-- [start:model]
class GRUClassifier(nn.Module):
    """Embedding, then a GRU over the packed name, then a linear layer on its last hidden state
    (chapter: Classifying surnames by language)."""

    def __init__(self, vocab_size: int, num_classes: int, embedding_dim: int = 32, hidden_size: int = 128):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embedding_dim, padding_idx=PAD_INDEX)
        self.gru = nn.GRU(embedding_dim, hidden_size, batch_first=True)
        self.out = nn.Linear(hidden_size, num_classes)

    def forward(self, X: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        if X.ndim != 2 or X.is_floating_point():
            raise ValueError(f"X must be (B, T) integer codes, as pad_collate gives, got {tuple(X.shape)} {X.dtype}")
        emb = self.embedding(X)  # (B, T, embedding_dim)
        _, h_n = self.gru(pack(emb, lengths))  # (1, B, hidden_size): each name's state after its own last letter
        return self.out(h_n[-1])  # (B, num_classes) logits
# --8<-- [end:model]
