"""Train logistic regression and the 8-6-4-1 network on the diabetes data (chapter: Multiple inputs, wide and deep)."""
import torch
from torch import nn

from torchsteps.datasets import load_diabetes

X, y = load_diabetes("train")  # X (607, 8), y (607, 1)
X_test, y_test = load_diabetes("test")  # X_test (152, 8), y_test (152, 1)
baseline_train, baseline_test = (y == 1).float().mean().item(), (y_test == 1).float().mean().item()
torch.manual_seed(0)  # the same two models as models.py
linear_model = nn.Linear(8, 1)
torch.manual_seed(0)
deep_model = nn.Sequential(nn.Linear(8, 6), nn.ReLU(), nn.Linear(6, 4), nn.ReLU(), nn.Linear(4, 1))

# --8<-- [start:settings]
lr = 0.5
num_epochs = 1000
# --8<-- [end:settings]


# --8<-- [start:train]
def train(model: nn.Module) -> list[float]:
    """Full-batch gradient descent on the whole training split; returns the loss of every epoch."""
    loss_fn = nn.BCEWithLogitsLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    losses = []
    for epoch in range(num_epochs):
        loss = loss_fn(model(X), y)  # model(X) is (607, 1) logits
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


def accuracy(model: nn.Module, X: torch.Tensor, y: torch.Tensor) -> float:
    with torch.no_grad():
        return ((model(X) > 0).float() == y).float().mean().item()  # logit > 0 means p > 0.5


linear_losses = train(linear_model)
deep_losses = train(deep_model)
# --8<-- [end:train]

# --8<-- [start:table]
print("| model | parameters | final training loss | train accuracy | test accuracy |")
print("| --- | ---: | ---: | ---: | ---: |")
print(f"| always guess 1 | 0 | | {baseline_train:.3f} | {baseline_test:.3f} |")
for name, model, losses in [("8 → 1", linear_model, linear_losses), ("8 → 6 → 4 → 1", deep_model, deep_losses)]:
    n_params = sum(p.numel() for p in model.parameters())
    print(f"| {name} | {n_params} | {losses[-1]:.4f} | {accuracy(model, X, y):.3f} | {accuracy(model, X_test, y_test):.3f} |")
# --8<-- [end:table]
