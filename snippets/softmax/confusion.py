"""The confusion matrix of the MLP on the 2,000 test digits (chapter: Softmax classification)."""
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

# --8<-- [start:confusion]
cm = torch.bincount(y_test * 10 + y_hat, minlength=100).view(10, 10)  # row: true digit, column: predicted
print(cm)
print(f"{cm.sum().item()} test images, {cm.diag().sum().item()} on the diagonal: accuracy {cm.diag().sum().item() / cm.sum().item():.4f}")
# --8<-- [end:confusion]

# --8<-- [start:imports]
from torchsteps.plotting import figure, svg
# --8<-- [end:imports]

# --8<-- [start:plot]
fig, ax = figure(width=4.8, height=4.2)
ax.imshow(cm.numpy(), cmap="Blues")
for true in range(10):
    for pred in range(10):
        count = cm[true, pred].item()
        if count:
            ax.text(pred, true, count, ha="center", va="center", fontsize=7, color="white" if true == pred else "black")
ax.set_xticks(range(10))
ax.set_yticks(range(10))
ax.set_xlabel("predicted digit")
ax.set_ylabel("true digit")
ax.grid(False)
print(svg(fig, alt="Confusion matrix of the MLP on 2,000 test digits: large counts on the diagonal, and a few small counts off it where one digit was taken for another."))
# --8<-- [end:plot]
