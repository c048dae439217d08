"""Split MNIST into training, validation and test loaders (chapter: The training loop done right)."""
# --8<-- [start:imports]
import torch
from torch.utils.data import DataLoader, TensorDataset, random_split

from torchsteps.datasets import load_mnist
# --8<-- [end:imports]

# --8<-- [start:settings]
batch_size = 64
num_val = 1000  # training images held back to measure generalisation
# --8<-- [end:settings]

# --8<-- [start:split]
X, y = load_mnist("train")  # X (8000, 1, 28, 28), y (8000,)
X_test, y_test = load_mnist("test")  # X_test (2000, 1, 28, 28), y_test (2000,)
split_generator = torch.Generator().manual_seed(0)  # the same split on every run
train_set, val_set = random_split(TensorDataset(X, y), [len(X) - num_val, num_val], generator=split_generator)
print("train", len(train_set), " validation", len(val_set), " test", len(X_test))
print("validation images per digit:", torch.bincount(y[val_set.indices], minlength=10).tolist())
print("each digit's share of 1,000:  ", [round(n) for n in (torch.bincount(y, minlength=10) * num_val / len(y)).tolist()])
# --8<-- [end:split]

# --8<-- [start:loaders]
generator = torch.Generator().manual_seed(0)  # decides the shuffle of every epoch
train_loader = DataLoader(train_set, batch_size=batch_size, shuffle=True, generator=generator)
val_loader = DataLoader(val_set, batch_size=500)  # order does not change a mean: no shuffle
test_loader = DataLoader(TensorDataset(X_test, y_test), batch_size=500)
X_batch, y_batch = next(iter(train_loader))  # X_batch (64, 1, 28, 28), y_batch (64,)
print(len(train_loader), "batches per epoch; one batch:", tuple(X_batch.shape), tuple(y_batch.shape))
# --8<-- [end:loaders]
