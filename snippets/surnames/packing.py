"""From names to a padded batch, and packing: a GRU stops each name at its own last letter
(chapter: Classifying surnames by language)."""
import torch
from torch import nn

from torchsteps.sequences import encode_name, pack, pad_collate
from torchsteps.text import PAD_INDEX, SURNAMES

# --8<-- [start:encode]
for name in ("Nguyen", "Abe", "Li", "Müller"):
    print(f"{name:>7} -> {encode_name(name).tolist()}")  # (len(name),) int64; "ü" is read as "u"
# --8<-- [end:encode]

# --8<-- [start:pad]
batch = [(encode_name(name), torch.tensor(label)) for name, label in [("Nguyen", 17), ("Abe", 10), ("Li", 1)]]
padded, lengths, labels = pad_collate(batch)  # (3, 6), (3,), (3,)
print(padded)
print("lengths", lengths, " labels", labels)
print(f"{padded.numel()} cells, {lengths.sum().item()} characters, {padded.numel() - lengths.sum().item()} padding")
# --8<-- [end:pad]

# --8<-- [start:batch_sizes]
packed = pack(padded, lengths)  # codes need no features to be packed
print("data       ", packed.data)  # (11,): the characters, time step by time step
print("batch_sizes", packed.batch_sizes)  # how many names are still going at each step
# --8<-- [end:batch_sizes]

# --8<-- [start:states]
torch.manual_seed(0)
embedding = nn.Embedding(len(SURNAMES), 4, padding_idx=PAD_INDEX)
gru = nn.GRU(4, 3, batch_first=True)
with torch.no_grad():
    emb = embedding(padded)  # (3, 6, 4)
    _, h_alone = gru(emb[2:, :2])  # "Li" on its own: 2 steps, no padding at all
    _, h_packed = gru(pack(emb, lengths))  # (1, 3, 3): every name stops at its own length
    _, h_padded = gru(emb)  # (1, 3, 3): every name runs all 6 steps, padding included
print("Li alone     ", h_alone[0, 0])
print("Li, packed   ", h_packed[0, 2])
print("Li, unpacked ", h_padded[0, 2])
# --8<-- [end:states]
