"""The plain CNN, a small Inception net and a small residual net, trained alike on MNIST (chapter: Wider and deeper: Inception and residual blocks)."""
import torch
from torch import nn

# --8<-- [start:imports]
import math
import time

from torchsteps.blocks import SmallInceptionNet, SmallResNet
from torchsteps.cnn import CNN, mnist_loaders, one_cycle
from torchsteps.training import evaluate, fit
# --8<-- [end:imports]

# --8<-- [start:settings]
max_lr = 0.01  # the recipe of "A CNN on MNIST": AdamW with a one-cycle schedule
weight_decay = 1e-4
batch_size = 64
num_epochs = 1
train_size = 4000  # one pass over the first half of the 8,000 training images
# --8<-- [end:settings]

# --8<-- [start:train]
results = {}
nets = {"plain CNN": CNN, "small Inception net": SmallInceptionNet, "small residual net": SmallResNet}
train_loader, test_loader = mnist_loaders(batch_size, seed=0, train_size=train_size)
for name, net in nets.items():
    torch.manual_seed(0)  # each net starts from its own seeded weights
    train_loader.generator.manual_seed(0)  # and sees the same batches in the same order
    model = net()
    loss_fn = nn.CrossEntropyLoss()
    optimizer = torch.optim.AdamW(model.parameters(), lr=max_lr, weight_decay=weight_decay)
    one_cycle(optimizer, max_lr, total_steps=num_epochs * len(train_loader))
    start = time.perf_counter()
    fit(model, train_loader, loss_fn, optimizer, num_epochs, device="cpu", progress=False)
    seconds = time.perf_counter() - start
    parameters = sum(p.numel() for p in model.parameters())
    results[name] = (parameters, seconds, evaluate(model, test_loader, loss_fn)["accuracy"])
print("| model | parameters | training time (s) | test accuracy |")
print("| --- | ---: | ---: | ---: |")
for name, (parameters, seconds, accuracy) in results.items():
    print(f"| {name} | {parameters:,} | {seconds:.1f} | {accuracy:.4f} |")
# --8<-- [end:train]

# --8<-- [start:noise]
n_test = len(test_loader.dataset)
for name, (_, _, accuracy) in results.items():
    standard_error = math.sqrt(accuracy * (1 - accuracy) / n_test)  # binomial: n_test right-or-wrong trials
    right = round(accuracy * n_test)
    print(f"{name:20} {accuracy:.4f} ± {standard_error:.4f}  ({right} of {n_test} right)")
# --8<-- [end:noise]
