"""The mean squared error, by hand and against PyTorch's (chapter: The linear model)."""
# --8<-- [start:imports]
import torch.nn.functional as F
# --8<-- [end:imports]
import torch

X = torch.tensor([1.0, 2.0, 3.0, 4.0, 5.0, 6.0])  # (6,) hours studied
y = torch.tensor([3.5, 4.5, 7.5, 8.5, 10.5, 13.5])  # (6,) exam points


def model(X, w, b=0.0):
    return X * w + b


# --8<-- [start:loss]
def loss_fn(y_hat, y):
    """Mean squared error: the average of the squared differences."""
    return ((y_hat - y) ** 2).mean()


for w in (1.0, 2.0, 3.0):
    loss = loss_fn(model(X, w), y)
    print(f"w = {w}: loss = {loss.item():.4f}")
print("same as F.mse_loss:", F.mse_loss(model(X, 2.0), y).item())
# --8<-- [end:loss]
