"""Exercise: the 8-6-4-1 network with sigmoids instead of ReLUs between the layers (chapter: Multiple inputs, wide and deep)."""
import torch
from torch import nn

from torchsteps.datasets import load_diabetes

X, y = load_diabetes("train")  # X (607, 8), y (607, 1)
X_test, y_test = load_diabetes("test")  # X_test (152, 8), y_test (152, 1)

# --8<-- [start:solution]
torch.manual_seed(0)  # the same starting point as the ReLU network in the table
model = nn.Sequential(nn.Linear(8, 6), nn.Sigmoid(), nn.Linear(6, 4), nn.Sigmoid(), nn.Linear(4, 1))
optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
sigmoid_losses = []
for epoch in range(1000):
    loss = nn.functional.binary_cross_entropy_with_logits(model(X), y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    sigmoid_losses.append(loss.item())
with torch.no_grad():
    test_accuracy = ((model(X_test) > 0).float() == y_test).float().mean().item()
    guesses_one = (model(X_test) > 0).float().mean().item()  # share of test patients it calls 1
print(f"loss at epoch 100 {sigmoid_losses[100]:.4f}, at epoch 999 {sigmoid_losses[-1]:.4f}")
print(f"test accuracy {test_accuracy:.3f}, share of test patients predicted 1: {guesses_one:.3f}")
# --8<-- [end:solution]

# --8<-- [start:larger_step]
torch.manual_seed(0)  # the same start, four times the step
model = nn.Sequential(nn.Linear(8, 6), nn.Sigmoid(), nn.Linear(6, 4), nn.Sigmoid(), nn.Linear(4, 1))
optimizer = torch.optim.SGD(model.parameters(), lr=2.0)
for epoch in range(1000):
    loss = nn.functional.binary_cross_entropy_with_logits(model(X), y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
larger_step_loss = loss.item()
print(f"lr 2.0: training loss after 1,000 epochs {larger_step_loss:.4f}")
# --8<-- [end:larger_step]
