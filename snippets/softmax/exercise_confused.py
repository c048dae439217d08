"""Exercise: the digit pairs the MLP confuses most, read off the confusion matrix (chapter: Softmax classification)."""
import torch
import torch.nn.functional as F

from torchsteps.datasets import load_mnist
from torchsteps.models import MLP

X_train, y_train = load_mnist("train")
X_test, y_test = load_mnist("test")
mean, std = X_train.mean(), X_train.std()
X_train, X_test = (X_train - mean) / std, (X_test - mean) / std
torch.manual_seed(0)
model = MLP()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
scheduler = torch.optim.lr_scheduler.ExponentialLR(optimizer, gamma=0.8)
generator = torch.Generator().manual_seed(0)
for epoch in range(8):  # the MLP training of the page, in short
    for idx in torch.randperm(len(X_train), generator=generator).split(100):
        loss = F.cross_entropy(model(X_train[idx]), y_train[idx])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    scheduler.step()
with torch.no_grad():
    y_hat = model(X_test).argmax(dim=1)  # (2000,)
cm = torch.bincount(y_test * 10 + y_hat, minlength=100).view(10, 10)

# --8<-- [start:solution]
off = cm.clone()
off.fill_diagonal_(0)  # keep only the mistakes
counts, flat = off.flatten().topk(3)  # the three largest cells of the flattened (100,) matrix
for count, k in zip(counts.tolist(), flat.tolist()):
    print(f"true {k // 10} predicted as {k % 10}: {count} times")  # cell k is row k // 10, column k % 10
print("mistakes in all:", off.sum().item())
# --8<-- [end:solution]
