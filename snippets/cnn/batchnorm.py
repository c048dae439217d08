"""Batch norm from scratch, on a worked example and checked against nn.BatchNorm2d (chapter: A CNN on MNIST)."""
import torch
from torch import nn

# --8<-- [start:worked]
x = torch.tensor([2.0, 4.0, 6.0, 8.0]).view(2, 1, 1, 2)  # (B, C, H, W): one channel
mean = x.mean(dim=(0, 2, 3), keepdim=True)  # per channel: over the batch and all positions
var = x.var(dim=(0, 2, 3), correction=0, keepdim=True)  # divide by n, not n - 1
x_hat = (x - mean) / torch.sqrt(var + 1e-5)
print(f"mean {mean.item():.1f}, variance {var.item():.1f}")
print("normalised:", [round(v, 3) for v in x_hat.flatten().tolist()])
# --8<-- [end:worked]


# --8<-- [start:scratch]
def batch_norm(x, gamma, beta, eps=1e-5):
    """Training-mode batch norm of (B, C, H, W): normalise each channel, scale, shift."""
    mean = x.mean(dim=(0, 2, 3), keepdim=True)  # (1, C, 1, 1)
    var = x.var(dim=(0, 2, 3), correction=0, keepdim=True)  # (1, C, 1, 1)
    x_hat = (x - mean) / torch.sqrt(var + eps)
    return gamma.view(1, -1, 1, 1) * x_hat + beta.view(1, -1, 1, 1)


torch.manual_seed(0)
x = 3 * torch.randn(8, 4, 6, 6) + 5  # (B, C, H, W), far from mean 0 and std 1
bn = nn.BatchNorm2d(4)  # gamma (bn.weight) starts at 1, beta (bn.bias) at 0
ours, theirs = batch_norm(x, bn.weight, bn.bias), bn(x)  # train mode: batch statistics
print("same as nn.BatchNorm2d:", torch.allclose(ours, theirs, atol=1e-5))
means = ours.mean(dim=(0, 2, 3)).tolist()
stds = ours.std(dim=(0, 2, 3), correction=0).tolist()
print("per-channel mean after:", [round(m, 3) + 0.0 for m in means])  # + 0.0: no "-0.0"
print("per-channel std after: ", [round(s, 3) for s in stds])
print("running mean, for eval mode:", [round(m, 3) for m in bn.running_mean.tolist()])
# --8<-- [end:scratch]
