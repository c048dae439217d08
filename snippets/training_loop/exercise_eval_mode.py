"""Exercise: measure a dropout model's validation accuracy while forgetting model.eval() (chapter: The training loop done right)."""
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset, random_split

from torchsteps.datasets import load_mnist
from torchsteps.training import evaluate, fit

X, y = load_mnist("train")
train_set, val_set = random_split(TensorDataset(X, y), [7000, 1000], generator=torch.Generator().manual_seed(0))
train_loader = DataLoader(train_set, batch_size=64, shuffle=True, generator=torch.Generator().manual_seed(0))
val_loader, loss_fn = DataLoader(val_set, batch_size=500), nn.CrossEntropyLoss()

# --8<-- [start:solution]
torch.manual_seed(0)
net = nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU(), nn.Dropout(p=0.5), nn.Linear(128, 10))
fit(net, train_loader, loss_fn, torch.optim.SGD(net.parameters(), lr=0.05, momentum=0.9), 1)
device = next(net.parameters()).device


def accuracy_in_current_mode(model):
    correct = 0
    with torch.inference_mode():  # no graph; dropout still follows the model's mode
        for X_batch, y_batch in val_loader:
            y_hat = model(X_batch.to(device))
            correct += (y_hat.argmax(dim=1) == y_batch.to(device)).sum().item()
    return correct / len(val_loader.dataset)


net.train()  # the mistake: evaluating in train mode
print("train mode:", accuracy_in_current_mode(net), accuracy_in_current_mode(net))
print("eval mode: ", evaluate(net, val_loader, loss_fn)["accuracy"])
# --8<-- [end:solution]
