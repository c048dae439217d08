"""Hand-made kernels on an MNIST digit: each one lights up where its pattern appears (chapter: Convolution from the ground up)."""
import torch
import torch.nn.functional as F

# --8<-- [start:imports]
from torchsteps.datasets import load_mnist
from torchsteps.plotting import figure, svg
# --8<-- [end:imports]

# --8<-- [start:filters]
X_test, y_test = load_mnist("test")  # (2000, 1, 28, 28) in [0, 1]
digit = X_test[:1]  # (1, 1, 28, 28): a batch of one
sobel = torch.tensor([[-1.0, 0.0, 1.0],
                      [-2.0, 0.0, 2.0],
                      [-1.0, 0.0, 1.0]])  # right column minus left column
kernels = {"vertical edges": sobel, "horizontal edges": sobel.T, "blur": torch.full((3, 3), 1 / 9)}
weight = torch.stack(list(kernels.values()))[:, None]  # (3, 1, 3, 3): 3 filters, 1 input channel
feature_maps = F.conv2d(digit, weight, padding=1)[0]  # (3, 28, 28): one map per filter
print("digit", y_test[0].item(), "->", tuple(feature_maps.shape), "feature maps")
# --8<-- [end:filters]

# --8<-- [start:plot]
fig, axes = figure(ncols=2, nrows=2, width=4.8, height=5.0)
axes = axes.ravel()  # (4,): the input, then the three maps, row by row
axes[0].imshow(digit[0, 0].numpy(), cmap="gray_r")
axes[0].set_title(f"input: a {y_test[0].item()}", fontsize=11)
for ax, name, fmap in zip(axes[1:], kernels, feature_maps):
    limit = fmap.abs().max().item()
    if name == "blur":
        ax.imshow(fmap.numpy(), cmap="gray_r", vmin=0, vmax=limit)
    else:  # red positive, blue negative, white zero
        ax.imshow(fmap.numpy(), cmap="RdBu_r", vmin=-limit, vmax=limit)
    ax.set_title(name, fontsize=11)
for ax in axes:
    ax.axis("off")
print(svg(fig, alt="An MNIST 7 and its three feature maps: the vertical-edge kernel is red along the left side "
              "and blue along the right side of each stroke, the horizontal-edge kernel red along the top and "
              "blue along the bottom, and the blur kernel gives a softened copy."))
# --8<-- [end:plot]
