"""Gradient descent stalls at a saddle point, and a little noise gets it out (chapter: Gradient descent)."""
import torch

from torchsteps.plotting import figure, svg

# --8<-- [start:saddle]
def saddle(point):
    """f(x, y) = x**2 - y**2: a minimum along x, a maximum along y, and flat at (0, 0)."""
    return point[0] ** 2 - point[1] ** 2


def saddle_gradient(point):
    return torch.stack([2 * point[0], -2 * point[1]])  # (df/dx, df/dy)


torch.manual_seed(0)
lr, noise, num_steps = 0.1, 0.01, 100
plain = [torch.tensor([1.0, 0.0])]  # start on the line y = 0, where the slope has no y part
noisy = [torch.tensor([1.0, 0.0])]
for step in range(num_steps):
    plain.append(plain[-1] - lr * saddle_gradient(plain[-1]))
    if noisy[-1][1].abs() < 1:  # f has no bottom: stop once the run has slid away down the y direction
        kick = noise * torch.randn(2)  # a stand-in for the noise of a mini-batch gradient
        noisy.append(noisy[-1] - lr * (saddle_gradient(noisy[-1]) + kick))
for name, path in [("plain", plain), ("noisy", noisy)]:
    end = path[-1]
    print(f"{name}: after {len(path) - 1} steps at ({end[0]:.4f}, {end[1]:.4f}), f = {saddle(end):.4f},"
          f" slope {saddle_gradient(end).norm():.4f}")
# --8<-- [end:saddle]

# --8<-- [start:plot]
grid = torch.linspace(-1.5, 1.5, 101)  # (101,)
gx, gy = torch.meshgrid(grid, grid, indexing="xy")  # (101, 101) each
fig, ax = figure(width=4.8, height=4.0)
ax.contour(gx.numpy(), gy.numpy(), saddle(torch.stack([gx, gy])).numpy(), levels=12, cmap="coolwarm")
for name, path, color, size in [("noisy", noisy, "C2", 6), ("plain", plain, "black", 3)]:
    points = torch.stack(path)  # (steps + 1, 2)
    ax.plot(points[:, 0].numpy(), points[:, 1].numpy(), "o-", color=color, markersize=size, label=name)
ax.set_xlabel("x")
ax.set_ylabel("y")
ax.legend()
print(svg(fig, alt="Contours of x squared minus y squared, a saddle: the surface rises to the left and right and falls "
          "towards the top and bottom. Plain gradient descent runs from (1, 0) straight along the x axis into the "
          "saddle point at the centre and stops there. The noisy run starts the same way, drifts off the axis near "
          "the centre and then slides away downhill along the y axis."))
# --8<-- [end:plot]
