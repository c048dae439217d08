"""Exercise: autograd finds sigmoid'(z) = sigmoid(z)(1 - sigmoid(z)) at many points at once (chapter: Backpropagation and autograd)."""
import torch

# --8<-- [start:solution]
z = torch.linspace(-4, 4, 9, requires_grad=True)  # (9,)
s = torch.sigmoid(z)  # (9,)
s.sum().backward()  # backward needs a scalar; d(sum)/d(s_i) = 1, so z.grad[i] = sigmoid'(z_i)
formula = (s * (1 - s)).detach()
print("autograd:", z.grad)
print("formula: ", formula)
print("largest at z = 0:", z.grad.max().item(), " equal:", torch.allclose(z.grad, formula))
# --8<-- [end:solution]
