"""A character language model: a vocabulary built from a text, contiguous batches for truncated
backpropagation through time, a GRU that predicts the next character, and a sampler with a temperature.

Introduced by the chapter "Generating text: a character language model", which shows the
sections marked ``# --8<--`` on the page.
"""
from __future__ import annotations

import torch
from torch import nn


class Vocabulary:
    """The distinct characters of a text, sorted, with codes 0, 1, 2, ...

    (chapter: Generating text: a character language model)

    Unlike ``text.CharVocab``, no code is kept for padding: every training sequence has the
    same length, so the model's outputs are exactly the characters of the text.
    """

    def __init__(self, text: str):
        if not isinstance(text, str) or not text:
            raise ValueError("Vocabulary(text) needs a non-empty string to collect its characters from")
        self.characters = "".join(sorted(set(text)))
        self.index = {c: i for i, c in enumerate(self.characters)}

    def __len__(self) -> int:
        """The number of distinct characters: the number of classes the model chooses from."""
        return len(self.characters)

    def encode(self, text: str) -> torch.Tensor:
        """The codes of ``text`` as a ``(len(text),)`` int64 tensor; unknown characters raise ValueError naming them."""
        unknown = sorted(set(text) - self.index.keys())
        if unknown:
            raise ValueError(f"the text holds characters outside the vocabulary: {unknown}; the vocabulary is {self.characters!r}")
        return torch.tensor([self.index[c] for c in text], dtype=torch.int64)

    def decode(self, codes) -> str:
        """The text for a 1-D tensor (or list) of codes."""
        return "".join(self.characters[int(i)] for i in codes)


# --8<-- [start:batches]
def contiguous_batches(codes: torch.Tensor, batch_size: int, seq_len: int) -> list:
    """Cut a text into ``batch_size`` streams, and each stream into chunks of ``seq_len``.

    (chapter: Generating text: a character language model)

    Returns a list of ``(X, y)``, both ``(batch_size, seq_len)``. Row ``i`` of batch ``k + 1``
    continues row ``i`` of batch ``k``, so a hidden state can be carried from batch to batch,
    and ``y`` is ``X`` one character later. What is left of a stream after its last full
    chunk is dropped.
    """
    if not isinstance(codes, torch.Tensor) or codes.ndim != 1 or codes.dtype != torch.int64:
        raise TypeError("codes must be a 1-D int64 tensor of character codes, as encode returns")
    if not 1 <= seq_len <= len(codes) - 1:
        raise ValueError(f"seq_len={seq_len} must be between 1 and {len(codes) - 1} "
                         f"for a text of {len(codes)} characters")
    if batch_size < 1:
        raise ValueError(f"batch_size={batch_size} must be at least 1")
    stream_len = (len(codes) - 1) // batch_size  # keep one character for the last target
    if stream_len < seq_len:
        raise ValueError(f"with batch_size={batch_size}, a stream holds {stream_len} characters, "
                         f"fewer than seq_len={seq_len}; lower batch_size or seq_len")
    n = batch_size * stream_len
    X = codes[:n].view(batch_size, stream_len)  # (B, stream_len): row i is one stretch of text
    y = codes[1 : n + 1].view(batch_size, stream_len)  # (B, stream_len): the next characters
    starts = range(0, stream_len - seq_len + 1, seq_len)
    return [(X[:, s : s + seq_len], y[:, s : s + seq_len]) for s in starts]  # (B, seq_len) each
# --8<-- [end:batches]


# --8<-- [start:model]
class CharLM(nn.Module):
    """Embedding, GRU, linear: logits for the next character at every position.

    (chapter: Generating text: a character language model)

    ``model(X, h)`` takes codes ``X`` (B, T) and an optional hidden state ``h`` (1, B, H);
    it returns the logits (B, T, V) and the new hidden state (1, B, H).
    """

    def __init__(self, vocab_size: int, embedding_dim: int = 32, hidden_size: int = 128):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embedding_dim)  # a code -> a learned vector
        self.rnn = nn.GRU(embedding_dim, hidden_size, batch_first=True)
        self.head = nn.Linear(hidden_size, vocab_size)  # a hidden state -> V scores

    def forward(self, X: torch.Tensor, h: torch.Tensor | None = None) -> tuple:
        out, h = self.rnn(self.embedding(X), h)  # out (B, T, H): the state after each character
        return self.head(out), h  # (B, T, V) logits, and the last state h (1, B, H)
# --8<-- [end:model]


# --8<-- [start:sample]
@torch.no_grad()
def sample(model: CharLM, vocab: Vocabulary, start: str, length: int,
           temperature: float = 1.0, generator: torch.Generator | None = None) -> str:
    """``start`` followed by ``length`` sampled characters.

    (chapter: Generating text: a character language model)

    Each character is drawn from ``softmax(logits / temperature)`` with ``generator``,
    then fed back in as the next input.
    """
    if not start:
        raise ValueError("start='' is empty: give at least one character to continue")
    unknown = sorted(set(start) - vocab.index.keys())
    if unknown:
        raise ValueError(f"start={start!r} holds characters outside the vocabulary: {unknown}")
    if length < 1:
        raise ValueError(f"length={length} must be at least 1: the characters to generate")
    if not temperature > 0:
        raise ValueError(f"temperature={temperature} must be > 0; try 0.1 for nearly greedy text")
    was_training = model.training
    model.eval()
    logits, h = model(vocab.encode(start).unsqueeze(0))  # (1, len(start), V): read the start
    codes = []
    for _ in range(length):
        probs = torch.softmax(logits[0, -1] / temperature, dim=0)  # (V,) the next character
        code = torch.multinomial(probs, 1, generator=generator)  # (1,)
        codes.append(code.item())
        logits, h = model(code.view(1, 1), h)  # (1, 1, V): the model reads its own choice
    model.train(was_training)
    return start + vocab.decode(codes)
# --8<-- [end:sample]
