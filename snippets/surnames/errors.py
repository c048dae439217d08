"""Bad input gets a clear ValueError before torch sees it (chapter: Classifying surnames by language)."""
import torch
from torch.nn.utils.rnn import pack_padded_sequence

from torchsteps.sequences import encode_name, pack

# --8<-- [start:names]
print(encode_name("Müller").tolist() == encode_name("Muller").tolist())  # accents: mapped through to_ascii
for name in ("", "O.Brien", "Øster"):
    try:
        encode_name(name)
    except ValueError as error:
        print("ValueError:", error)
# --8<-- [end:names]

# --8<-- [start:pack]
x = torch.zeros(2, 3, 4)  # (B, T, features): two sequences of up to 3 steps
try:
    pack(x, torch.tensor([3, 0]))
except ValueError as error:
    print("ValueError:", error)
try:
    pack_padded_sequence(x, torch.tensor([3, 0]), batch_first=True, enforce_sorted=False)  # torch's own check
except RuntimeError as error:
    print("RuntimeError:", str(error).splitlines()[0])
# --8<-- [end:pack]
