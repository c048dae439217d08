"""Train a GRU on 13,374 surnames and test it on 6,700 (chapter: Classifying surnames by language)."""
# --8<-- [start:imports]
import time

import torch
from torch import nn
from torch.utils.data import DataLoader

from torchsteps.datasets import load_surnames
from torchsteps.sequences import GRUClassifier, NamesDataset, pad_collate
from torchsteps.text import SURNAMES
from torchsteps.training import evaluate, fit
# --8<-- [end:imports]

# --8<-- [start:settings]
embedding_dim, hidden_size = 32, 80
lr, batch_size, num_epochs = 0.01, 256, 3
device = "cpu"  # a small model on short names: the CPU is quick, and every build prints the same numbers
# --8<-- [end:settings]

# --8<-- [start:data]
train, test = load_surnames("train"), load_surnames("test")
train_set, test_set = NamesDataset(train.names, train.y), NamesDataset(test.names, test.y)
generator = torch.Generator().manual_seed(0)  # the shuffling order, reproducible
train_loader = DataLoader(train_set, batch_size, shuffle=True, collate_fn=pad_collate, generator=generator)
test_loader = DataLoader(test_set, batch_size=1000, collate_fn=pad_collate)
counts = torch.bincount(train.y, minlength=len(train.languages))  # (18,) training names per language
majority = counts.argmax().item()
baseline = (test.y == majority).float().mean().item()  # always answer the most common language
print(f"{len(train_set)} training names, {len(test_set)} test names, {len(train.languages)} languages")
print(f"majority class: {train.languages[majority]}, {baseline:.1%} of the test names")
# --8<-- [end:data]

# --8<-- [start:fit]
torch.manual_seed(0)
model = GRUClassifier(len(SURNAMES), len(train.languages), embedding_dim, hidden_size)
loss_fn = nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(model.parameters(), lr=lr)
start, cpu_start = time.perf_counter(), time.process_time()
history = fit(model, train_loader, loss_fn, optimizer, num_epochs, device=device, progress=False)
train_seconds, train_cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
print(f"{num_epochs} epochs in {train_seconds:.1f} s, {train_cpu_seconds:.1f} s of CPU time, "
      f"on {torch.get_num_threads()} CPU thread(s)")
# --8<-- [end:fit]

# --8<-- [start:evaluate]
print("training loss per epoch:", [round(loss, 3) for loss in history["train_loss"]])
test_acc = evaluate(model, test_loader, loss_fn)["accuracy"]
print(f"test accuracy {test_acc:.1%}   majority-class baseline {baseline:.1%}")
# --8<-- [end:evaluate]
