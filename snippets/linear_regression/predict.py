"""Predict with a trained model under eval() and inference_mode() (chapter: Linear regression the PyTorch way)."""
import torch
from torch import nn

torch.manual_seed(0)  # data and training as in data.py and train.py, in short
true_w, true_b = 2.0, 1.0
X = torch.rand(64, 1) * 2 - 1  # (64, 1)
y = true_w * X + true_b + 0.3 * torch.randn(64, 1)  # (64, 1)
torch.manual_seed(1)
model = nn.Sequential(nn.Linear(1, 1))
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
for epoch in range(200):
    loss = nn.functional.mse_loss(model(X), y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()

# --8<-- [start:predict]
X_new = torch.tensor([[-1.0], [0.0], [0.5]])  # (3, 1): inputs the model never saw
model.eval()  # switch layers such as dropout to prediction mode; a habit, even where there are none
with torch.inference_mode():  # no graph, no gradients: faster, less memory
    y_new = model(X_new)  # (3, 1)
print("predicted:", y_new.squeeze(1))
print("true line:", (true_w * X_new + true_b).squeeze(1))
print("requires_grad:", y_new.requires_grad)
model.train()  # back to training mode before any further training
# --8<-- [end:predict]
