"""Class weights in the loss: rare languages count more (chapter: Classifying surnames by language)."""
import runpy
import time
from pathlib import Path

import torch
from torch import nn

from torchsteps.sequences import GRUClassifier
from torchsteps.text import SURNAMES
from torchsteps.training import fit

# On its own, this file first runs confusion.py (which runs train.py); on the page all of it is already there.
_confusion = runpy.run_path(str(Path(__file__).with_name("confusion.py")))
globals().update({k: v for k, v in {**_confusion["_page"], **_confusion}.items() if not k.startswith("_")})

# --8<-- [start:weights]
weight = counts.sum() / (len(counts) * counts.float())  # (18,) N / (K n_k): the total weight of each language is equal
for k in (counts.argmax().item(), counts.argmin().item()):
    print(f"{train.languages[k]:>10}: {counts[k].item():5d} training names, weight {weight[k].item():.2f}")
# --8<-- [end:weights]

# --8<-- [start:fit]
torch.manual_seed(0)
train_loader.generator.manual_seed(0)  # the same shuffling order as the first model
weighted_model = GRUClassifier(len(SURNAMES), len(train.languages), embedding_dim, hidden_size)
optimizer = torch.optim.Adam(weighted_model.parameters(), lr=lr)
start, cpu_start = time.perf_counter(), time.process_time()
fit(weighted_model, train_loader, nn.CrossEntropyLoss(weight=weight), optimizer, num_epochs, device=device, progress=False)
weighted_seconds, weighted_cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
print(f"{num_epochs} epochs in {weighted_seconds:.1f} s, {weighted_cpu_seconds:.1f} s of CPU time")
# --8<-- [end:fit]

# --8<-- [start:compare]
K = len(test.languages)
cm_weighted = torch.bincount(test.y * K + predict(weighted_model, test_loader), minlength=K * K).view(K, K)
per_language_weighted = cm_weighted.diag() / cm_weighted.sum(dim=1)  # (18,)
print("| language | training names | plain loss | weighted loss |\n| --- | ---: | ---: | ---: |")
for k in counts.argsort(descending=True).tolist():
    print(f"| {test.languages[k]} | {counts[k].item():,} | {per_language[k].item():.1%} | {per_language_weighted[k].item():.1%} |")
overall, overall_weighted = (m.diag().sum().item() / m.sum().item() for m in (cm, cm_weighted))
print(f"| **overall accuracy** | | **{overall:.1%}** | **{overall_weighted:.1%}** |")
print(f"| **balanced accuracy** | | **{per_language.mean().item():.1%}** | **{per_language_weighted.mean().item():.1%}** |")
# --8<-- [end:compare]
