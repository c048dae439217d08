"""The three likeliest languages for names you choose (chapter: Classifying surnames by language)."""
import runpy
from pathlib import Path

import torch

from torchsteps.sequences import encode_name, pad_collate

# --8<-- [start:names]
names = ["Dostoevsky", "Jackson", "Satoshi", "Nguyen", "Schmidt", "Rossi", "Papadopoulos", "Müller"]  # edit me
# --8<-- [end:names]

# On its own, this file first runs train.py, which trains the model; on the page the model is already there.
_page = runpy.run_path(str(Path(__file__).with_name("train.py")))
model, train = _page["model"], _page["train"]

# --8<-- [start:top3]
def top_languages(model, names: list[str], k: int = 3) -> tuple[torch.Tensor, torch.Tensor]:
    """The k largest probabilities (len(names), k) and their language indices."""
    X, lengths, _ = pad_collate([(encode_name(name), torch.tensor(0)) for name in names])  # labels unused
    model.eval()
    with torch.inference_mode():
        probs = model(X, lengths).softmax(dim=1)  # (len(names), 18): softmax only to read probabilities
    return probs.topk(k, dim=1)


top_probs, top_index = top_languages(model, names)
for name, probs, index in zip(names, top_probs.tolist(), top_index.tolist()):
    print(f"{name:>12}: " + ", ".join(f"{train.languages[i]} {p:.2f}" for p, i in zip(probs, index)))
# --8<-- [end:top3]
