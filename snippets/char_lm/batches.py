"""Contiguous batches for truncated backpropagation through time, on a toy text (chapter: Generating text: a character language model)."""
from torchsteps.charlm import Vocabulary, contiguous_batches

# --8<-- [start:toy]
toy = "abcdefghijklmnopqrstuvwxyz"
toy_vocab = Vocabulary(toy)
toy_batches = contiguous_batches(toy_vocab.encode(toy), batch_size=2, seq_len=4)
for k, (X, y) in enumerate(toy_batches):  # X, y: (2, 4)
    rows = [f"{toy_vocab.decode(X[i])!r} -> {toy_vocab.decode(y[i])!r}" for i in range(2)]
    print(f"batch {k}:", ",  ".join(rows))
# --8<-- [end:toy]

# --8<-- [start:errors]
for seq_len in (0, len(toy)):
    try:
        contiguous_batches(toy_vocab.encode(toy), batch_size=2, seq_len=seq_len)
    except ValueError as error:
        print("ValueError:", error)
# --8<-- [end:errors]
