"""Exercise: two stacked 3x3 convolutions see as far as one 5x5, with fewer parameters (chapter: Convolution from the ground up)."""
import torch
from torch import nn

# --8<-- [start:solution]
torch.manual_seed(0)
C = 64  # channels in and out, as in a middle layer of VGG
two_3x3 = nn.Sequential(nn.Conv2d(C, C, 3, padding=1), nn.ReLU(), nn.Conv2d(C, C, 3, padding=1))
one_5x5 = nn.Conv2d(C, C, 5, padding=2)


def receptive_field(model: nn.Module) -> int:
    """Rows of the input that reach the middle output pixel, measured with a gradient."""
    X_probe = torch.randn(1, C, 15, 15, requires_grad=True)  # random input: ReLUs let some gradient through
    model(X_probe)[0, :, 7, 7].sum().backward()
    return (X_probe.grad[0].abs().sum(dim=0) != 0).any(dim=1).sum().item()


for name, model in [("two 3x3", two_3x3), ("one 5x5", one_5x5)]:
    total = sum(p.numel() for p in model.parameters())
    print(f"{name}: receptive field {receptive_field(model)}, {total:,} parameters")
# --8<-- [end:solution]
