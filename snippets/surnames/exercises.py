"""Exercises 1 and 3: the trained GRU read without packing, and test names that also occur in training
(chapter: Classifying surnames by language)."""
import runpy
from pathlib import Path

import torch

# On its own, this file first runs confusion.py (which runs train.py); on the page all of it is already there.
_confusion = runpy.run_path(str(Path(__file__).with_name("confusion.py")))
globals().update({k: _confusion["_page"][k] for k in ("model", "test_loader", "train")})
test, y_hat = _confusion["test"], _confusion["y_hat"]

# --8<-- [start:packing]
def predict_unpacked(model, loader, last_letter: bool) -> torch.Tensor:
    """Run the GRU on the padded batch; read h at the last step, or at each name's last letter."""
    model.eval()
    predictions = []
    with torch.inference_mode():
        for X, lengths, _ in loader:
            output, h_n = model.gru(model.embedding(X))  # output (B, T, H): the state after every step
            h = output[torch.arange(len(X)), lengths - 1] if last_letter else h_n[-1]  # (B, H)
            predictions.append(model.out(h).argmax(dim=1))
    return torch.cat(predictions)


through_padding = predict_unpacked(model, test_loader, last_letter=False)
at_last_letter = predict_unpacked(model, test_loader, last_letter=True)
for label, pred in [("packed", y_hat), ("padded, state after the padding", through_padding),
                    ("padded, state at the last letter", at_last_letter)]:
    print(f"{label:>33}: test accuracy {(pred == test.y).float().mean().item():.1%}")
# --8<-- [end:packing]

# --8<-- [start:unseen]
train_labels = {}  # name -> the set of languages it carries in the training set
for name, label in zip(train.names, train.y.tolist()):
    train_labels.setdefault(name, set()).add(label)
in_train = torch.tensor([name in train_labels for name in test.names])  # (6700,) bool
for label, mask in [("also in training", in_train), ("never seen", ~in_train)]:
    right = (y_hat[mask] == test.y[mask]).float().mean().item()
    print(f"{label:>16}: {mask.sum().item():5d} test names, accuracy {right:.1%}")
pairs = zip(test.names, test.y.tolist())
relabelled = [(name, y) for name, y in pairs if y not in train_labels.get(name, {y})]  # a name new to training never counts
print(f"repeated names whose test language never goes with them in training: {len(relabelled)}, such as")
for name, y in relabelled[:3]:
    print(f"    {name}: {test.languages[y]} in test, {[train.languages[k] for k in train_labels[name]]} in training")
arabic_names = [name for name, y in zip(train.names, train.y.tolist()) if train.languages[y] == "Arabic"]
print(f"Arabic: {len(arabic_names)} training names, {len(set(arabic_names))} different ones")
# --8<-- [end:unseen]
