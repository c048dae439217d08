"""Weight sharing: a conv layer and a fully connected layer with the same output on MNIST, and their parameter counts (chapter: Convolution from the ground up)."""
import torch
from torch import nn

# --8<-- [start:count]
torch.manual_seed(0)
conv = nn.Conv2d(1, 8, kernel_size=3, padding=1)  # 8 filters of 3x3, each used at all 28x28 positions
dense = nn.Sequential(  # one weight for every (input pixel, output number) pair
    nn.Flatten(), nn.Linear(28 * 28, 8 * 28 * 28), nn.Unflatten(1, (8, 28, 28)))
X = torch.rand(5, 1, 28, 28)  # (B, 1, 28, 28): MNIST-sized images
print("conv output :", tuple(conv(X).shape), "dense output:", tuple(dense(X).shape))


def num_params(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


print(f"conv : 8 x (1 x 3 x 3) weights + 8 biases = {num_params(conv):,} parameters")
print(f"dense: 784 x 6272 weights + 6272 biases = {num_params(dense):,} parameters")
print(f"the fully connected layer has {num_params(dense) / num_params(conv):,.0f} times as many")
# --8<-- [end:count]

# --8<-- [start:equivariance]
image = torch.zeros(1, 1, 28, 28)
image[0, 0, 8:18, 12:15] = 1.0  # a vertical bar, away from the border
shifted = torch.roll(image, shifts=(3, 5), dims=(2, 3))  # the same bar, 3 pixels down and 5 to the right
with torch.no_grad():
    conv_shift = torch.allclose(conv(shifted), torch.roll(conv(image), shifts=(3, 5), dims=(2, 3)))
    dense_shift = torch.allclose(dense(shifted), torch.roll(dense(image), shifts=(3, 5), dims=(2, 3)))
print("shift the input, and the output shifts the same way:  conv", conv_shift, "  dense", dense_shift)
# --8<-- [end:equivariance]
