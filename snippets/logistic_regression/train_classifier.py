"""Train a 2-D logistic-regression classifier on two blobs of points (chapter: Logistic regression)."""
# --8<-- [start:imports]
import torch
from torch import nn
# --8<-- [end:imports]

# --8<-- [start:settings]
lr = 0.5
num_epochs = 200
# --8<-- [end:settings]


# --8<-- [start:data]
def make_blobs(n: int) -> tuple[torch.Tensor, torch.Tensor]:
    """n points around (-1, -1) labelled 0 and n around (1, 1) labelled 1."""
    X0 = torch.randn(n, 2) + torch.tensor([-1.0, -1.0])  # (n, 2)
    X1 = torch.randn(n, 2) + torch.tensor([1.0, 1.0])  # (n, 2)
    return torch.cat([X0, X1]), torch.cat([torch.zeros(n, 1), torch.ones(n, 1)])


torch.manual_seed(0)
X, y = make_blobs(100)  # X (200, 2), y (200, 1): the points we train on
X_test, y_test = make_blobs(100)  # fresh points from the same blobs, never trained on
print(X.shape, y.shape, y.mean().item())
# --8<-- [end:data]

# --8<-- [start:train]
model = nn.Linear(2, 1)  # one score z = w1 x1 + w2 x2 + b per point
loss_fn = nn.BCEWithLogitsLoss()  # sigmoid and cross-entropy in one stable step
optimizer = torch.optim.SGD(model.parameters(), lr=lr)
losses = []
for epoch in range(num_epochs):
    y_hat = model(X)  # (200, 1) logits, not probabilities
    loss = loss_fn(y_hat, y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    losses.append(loss.item())
    if epoch % 50 == 0 or epoch == num_epochs - 1:
        print(f"epoch {epoch:3d}  loss {loss.item():.4f}")
# --8<-- [end:train]

# --8<-- [start:accuracy]
with torch.no_grad():
    prob = torch.sigmoid(model(X_test))  # (200, 1) P(y = 1) for each test point
    y_pred = (prob > 0.5).float()  # the same as logit > 0
    accuracy = (y_pred == y_test).float().mean().item()
    train_accuracy = ((model(X) > 0).float() == y).float().mean().item()
print(f"train accuracy {train_accuracy:.3f}  test accuracy {accuracy:.3f}")
print("w =", [round(w, 3) for w in model.weight.squeeze().tolist()], " b =", round(model.bias.item(), 3))
# --8<-- [end:accuracy]
