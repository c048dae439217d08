"""Steps 3 and 4 of the recipe: loss, optimizer and the training loop (chapter: Linear regression the PyTorch way)."""
import torch
from torch import nn

# --8<-- [start:settings]
lr = 0.1
num_epochs = 200
# --8<-- [end:settings]

torch.manual_seed(0)  # data and model as in data.py and model.py
X = torch.rand(64, 1) * 2 - 1  # (64, 1)
y = 2.0 * X + 1.0 + 0.3 * torch.randn(64, 1)  # (64, 1)
true_w, true_b = 2.0, 1.0


class LinearRegression(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(1, 1)

    def forward(self, X):
        return self.fc(X)


torch.manual_seed(1)
model = LinearRegression()

# --8<-- [start:loss_and_optimizer]
loss_fn = nn.MSELoss()  # mean of (y_hat - y)^2 over the batch
optimizer = torch.optim.SGD(model.parameters(), lr=lr)  # it holds the parameters it will update
# --8<-- [end:loss_and_optimizer]

# --8<-- [start:loop]
losses = []
for epoch in range(num_epochs):
    y_hat = model(X)  # forward: (64, 1)
    loss = loss_fn(y_hat, y)
    optimizer.zero_grad()  # clear the gradients of the last step
    loss.backward()  # fill .grad of every parameter
    optimizer.step()  # p -= lr * p.grad for every parameter
    losses.append(loss.item())
    if epoch % 40 == 0 or epoch == num_epochs - 1:
        print(f"epoch {epoch:3d}   loss {loss.item():.4f}")
# --8<-- [end:loop]

# --8<-- [start:result]
w_learned, b_learned = model.fc.weight.item(), model.fc.bias.item()
print(f"learned: w = {w_learned:.4f}   b = {b_learned:.4f}")
print(f"true:    w = {true_w:.4f}   b = {true_b:.4f}")
# --8<-- [end:result]
