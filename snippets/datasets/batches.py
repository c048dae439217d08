"""Epochs, batches and iterations: what a DataLoader hands out (chapter: Dataset and DataLoader)."""
import torch
from torch.utils.data import TensorDataset

from torchsteps.datasets import load_diabetes

# --8<-- [start:imports]
import math

from torch import nn
from torch.utils.data import DataLoader
# --8<-- [end:imports]

dataset = TensorDataset(*load_diabetes("train"))  # 607 rows

# --8<-- [start:settings]
batch_size = 32
lr = 0.1
num_epochs = 3
# --8<-- [end:settings]

# --8<-- [start:arithmetic]
N = len(dataset)
iterations = math.ceil(N / batch_size)  # batches per epoch
last = N - (iterations - 1) * batch_size  # what is left for the final batch
print(f"{N} samples, batch_size {batch_size}: {iterations} iterations, the last one of {last}")

train_loader = DataLoader(dataset, batch_size=batch_size, shuffle=True, generator=torch.Generator().manual_seed(0))
sizes = [len(X_batch) for X_batch, y_batch in train_loader]  # one full pass: one epoch
print(len(train_loader), sizes)
dropped = DataLoader(dataset, batch_size=batch_size, drop_last=True)
print("drop_last=True:", len(dropped), "iterations,", len(dropped) * batch_size, "samples seen")
# --8<-- [end:arithmetic]

# --8<-- [start:shuffle]
def first_labels(loader: DataLoader) -> list[int]:
    X_batch, y_batch = next(iter(loader))  # iter() starts an epoch; next() takes its first batch
    return y_batch[:8].flatten().int().tolist()


loader_a = DataLoader(dataset, batch_size=batch_size, shuffle=True, generator=torch.Generator().manual_seed(0))
loader_b = DataLoader(dataset, batch_size=batch_size, shuffle=True, generator=torch.Generator().manual_seed(0))
print("same seed, epoch 1:", first_labels(loader_a), first_labels(loader_b))
print("loader_a, epoch 2: ", first_labels(loader_a))  # every epoch draws a new order
# --8<-- [end:shuffle]

# --8<-- [start:epoch_loop]
torch.manual_seed(0)
model = nn.Linear(8, 1)
loss_fn = nn.BCEWithLogitsLoss()
optimizer = torch.optim.SGD(model.parameters(), lr=lr)
steps = 0
for epoch in range(num_epochs):
    for X_batch, y_batch in train_loader:  # (<=32, 8), (<=32, 1)
        loss = loss_fn(model(X_batch), y_batch)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        steps += 1
    print(f"epoch {epoch + 1}: {steps} steps so far, last batch loss {loss.item():.3f}")
# --8<-- [end:epoch_loop]
