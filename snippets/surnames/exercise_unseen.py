"""Exercise: accuracy on test names that never occur in training (chapter: Classifying surnames by language)."""
import runpy
from pathlib import Path

import torch

_confusion = runpy.run_path(str(Path(__file__).with_name("confusion.py")))
train, test, y_hat = _confusion["_page"]["train"], _confusion["test"], _confusion["y_hat"]

# --8<-- [start:solution]
train_labels = {}  # name -> the set of languages it carries in the training set
for name, label in zip(train.names, train.y.tolist()):
    train_labels.setdefault(name, set()).add(label)
in_train = torch.tensor([name in train_labels for name in test.names])  # (6700,) bool
for label, mask in [("also in training", in_train), ("never seen", ~in_train)]:
    right = (y_hat[mask] == test.y[mask]).float().mean().item()
    print(f"{label:>16}: {mask.sum().item():5d} test names, accuracy {right:.1%}")
pairs = zip(test.names, test.y.tolist())
relabelled = [(name, y) for name, y in pairs if y not in train_labels.get(name, {y})]  # unseen names: never
print(f"repeated names whose test language never goes with them in training: {len(relabelled)}, such as")
for name, y in relabelled[1:3]:
    print(f"    {name}: {test.languages[y]} in test, {[train.languages[k] for k in train_labels[name]]} in training")
arabic = train.languages.index("Arabic")
arabic_names = [name for name, y in zip(train.names, train.y.tolist()) if y == arabic]
print(f"Arabic: {len(arabic_names)} training names, {len(set(arabic_names))} different ones")
# --8<-- [end:solution]
