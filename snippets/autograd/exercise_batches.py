"""Exercise: accumulating gradients over two halves gives the gradient of the whole batch (chapter: Backpropagation and autograd)."""
import torch

# --8<-- [start:solution]
torch.manual_seed(0)
X = torch.randn(8)  # (8,)
y = 3 * X + 0.1 * torch.randn(8)  # (8,)

w = torch.tensor(1.0, requires_grad=True)
((X * w - y) ** 2).sum().backward()  # the whole batch at once
whole = w.grad.clone()

w.grad = None
for half in (slice(0, 4), slice(4, 8)):
    ((X[half] * w - y[half]) ** 2).sum().backward()  # adds to w.grad
print(f"whole batch: {whole.item():.4f}   two halves accumulated: {w.grad.item():.4f}")
print("equal:", torch.allclose(whole, w.grad))
# --8<-- [end:solution]

# --8<-- [start:mean]
w.grad = None
((X * w - y) ** 2).mean().backward()  # the mean over all 8 points
whole_mean = w.grad.clone()
w.grad = None
for half in (slice(0, 4), slice(4, 8)):
    ((X[half] * w - y[half]) ** 2).mean().backward()  # a mean over 4 points: each counts twice as much
unscaled = w.grad.clone()
w.grad = None
for half in (slice(0, 4), slice(4, 8)):
    share = len(X[half]) / len(X)  # this piece's share of the whole batch
    (share * ((X[half] * w - y[half]) ** 2).mean()).backward()
print(f"mean loss, whole: {whole_mean.item():.4f}   halves as they are: {unscaled.item():.4f}   halves scaled: {w.grad.item():.4f}")
# --8<-- [end:mean]
