"""Batch, stochastic and mini-batch gradient descent on the same data (chapter: Gradient descent)."""
# --8<-- [start:imports]
import time
# --8<-- [end:imports]

import torch


def model(X, w, b=0.0):
    return X * w + b


def gradients(X, y, w, b):
    residual = model(X, w, b) - y
    return (2 * X * residual).mean(), (2 * residual).mean()


# --8<-- [start:data]
torch.manual_seed(0)
N = 1000
X_big = 8 * torch.rand(N)  # (1000,) hours studied, anywhere from 0 to 8
y_big = 2 * X_big + 1 + torch.randn(N)  # (1000,) the same rule, give or take a point
# --8<-- [end:data]


# --8<-- [start:train]
def train(X, y, batch_size, lr, num_epochs, seed=0):
    """Gradient descent on (w, b) from (0, 0), batch_size examples per step; returns w, b and every (w, b)."""
    generator = torch.Generator().manual_seed(seed)
    w, b, path = torch.tensor(0.0), torch.tensor(0.0), []
    for epoch in range(num_epochs):
        order = torch.randperm(len(X), generator=generator)  # a new shuffle every pass over the data
        for start in range(0, len(X), batch_size):
            batch = order[start : start + batch_size]  # (batch_size,) indices of this step's examples
            grad_w, grad_b = gradients(X[batch], y[batch], w, b)
            w, b = w - lr * grad_w, b - lr * grad_b
            path.append((w, b))
    return w, b, path
# --8<-- [end:train]


# --8<-- [start:settings]
lr = 0.01
num_epochs = 10
# --8<-- [end:settings]

# --8<-- [start:compare]
print("| method | batch | steps | seconds | final loss | last epoch | b |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
curves = {}
for name, batch_size in [("batch GD", N), ("mini-batch", 32), ("SGD", 1)]:
    start = time.perf_counter()
    w, b, path = train(X_big, y_big, batch_size, lr, num_epochs)
    seconds = time.perf_counter() - start
    wb = torch.tensor([[0.0, 0.0]] + [[w, b] for w, b in path])  # (steps + 1, 2) from the start on
    curves[name] = ((wb[:, :1] * X_big + wb[:, 1:] - y_big) ** 2).mean(dim=1)  # (steps + 1,) on all students
    last_epoch = curves[name][-(len(path) // num_epochs) :]  # the loss after each step of the last epoch
    print(f"| {name} | {batch_size:,} | {len(path):,} | {seconds:.3f} | {curves[name][-1]:.3f}"
          f" | {last_epoch.mean():.3f} | {b:.2f} |")
A = torch.stack([X_big, torch.ones(N)], dim=1)  # (1000, 2): the closed form, for reference
w_star, b_star = torch.linalg.lstsq(A, y_big.unsqueeze(1)).solution.squeeze(1)
best_loss = ((model(X_big, w_star, b_star) - y_big) ** 2).mean()
print(f"| least squares | | | | {best_loss:.3f} | | {b_star:.2f} |")
# --8<-- [end:compare]
