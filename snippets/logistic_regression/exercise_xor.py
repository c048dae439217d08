"""Exercise: a straight line cannot separate XOR-like data (chapter: Logistic regression)."""
import torch
from torch import nn

# --8<-- [start:solution]
torch.manual_seed(0)
X = torch.rand(400, 2) * 2 - 1  # (400, 2) points in the square [-1, 1]^2
y = ((X[:, 0] * X[:, 1]) > 0).float().unsqueeze(1)  # (400, 1): 1 in two opposite quadrants
model = nn.Linear(2, 1)
loss_fn = nn.BCEWithLogitsLoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
for epoch in range(500):
    loss = loss_fn(model(X), y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
with torch.no_grad():
    accuracy = ((model(X) > 0).float() == y).float().mean().item()
majority = max(y.mean().item(), 1 - y.mean().item())  # always guess the commoner class
print(f"loss {loss.item():.4f}  accuracy {accuracy:.3f}  majority-class guess {majority:.3f}")
# --8<-- [end:solution]
