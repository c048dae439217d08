"""Exercise: which learning rates fit the line in 200 epochs, and which blow up (chapter: Linear regression the PyTorch way)."""
import torch
from torch import nn

torch.manual_seed(0)  # the data of data.py
X = torch.rand(64, 1) * 2 - 1  # (64, 1)
y = 2.0 * X + 1.0 + 0.3 * torch.randn(64, 1)  # (64, 1)


# --8<-- [start:solution]
def final_loss(lr, num_epochs=200):
    torch.manual_seed(1)  # the same start for every learning rate
    model = nn.Linear(1, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    loss_fn = nn.MSELoss()
    for epoch in range(num_epochs):
        loss = loss_fn(model(X), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return loss.item()


for lr in (0.001, 0.01, 0.1, 0.5, 1.2):
    print(f"lr = {lr:<6}  loss after 200 epochs: {final_loss(lr):.4g}")
# --8<-- [end:solution]
