"""ReLU, sigmoid, tanh and GELU, with derivatives computed by autograd (chapter: MLPs, activations and initialisation)."""
# --8<-- [start:imports]
import torch
import torch.nn.functional as F

from torchsteps.plotting import figure, svg
# --8<-- [end:imports]

# --8<-- [start:derivatives]
activations = {"ReLU": torch.relu, "sigmoid": torch.sigmoid, "tanh": torch.tanh, "GELU": F.gelu}


def value_and_slope(f, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """f(x) and f'(x) at every element of x, the slope from autograd."""
    x = x.detach().requires_grad_()
    y = f(x)
    (slope,) = torch.autograd.grad(y.sum(), x)  # y_i depends on x_i only, so d(sum y)/dx_i = f'(x_i)
    return y.detach(), slope


x = torch.tensor([-2.0, -0.5, 0.0, 0.5, 2.0])  # (5,)
print(f"{'x':>13}", " ".join(f"{v:7.2f}" for v in x.tolist()))
for name, f in activations.items():
    y, slope = value_and_slope(f, x)
    print(f"{name:>8} f   ", " ".join(f"{v:7.4f}" for v in y.tolist()))
    print(f"{'':>8} f'  ", " ".join(f"{v:7.4f}" for v in slope.tolist()))
# --8<-- [end:derivatives]

# --8<-- [start:closed_forms]
x = torch.linspace(-4, 4, 161)  # (161,): a grid with step 0.05
s, ds = value_and_slope(torch.sigmoid, x)
t, dt = value_and_slope(torch.tanh, x)
r, dr = value_and_slope(torch.relu, x)
print(f"sigmoid' against s(1 - s): largest difference {(ds - s * (1 - s)).abs().max():.1e}")
print(f"tanh'    against 1 - t^2:  largest difference {(dt - (1 - t**2)).abs().max():.1e}")
print(f"relu'    against the step: largest difference {(dr - (x > 0).float()).abs().max():.1e}")
print(f"largest sigmoid' {ds.max().item():.4f}, largest tanh' {dt.max().item():.4f}")
# --8<-- [end:closed_forms]

# --8<-- [start:plot]
fig, (left, right) = figure(ncols=2, width=7.2, height=3.2)
for name, f in activations.items():
    y, slope = value_and_slope(f, x)
    left.plot(x.numpy(), y.numpy(), label=name)  # matplotlib takes NumPy arrays
    right.plot(x.numpy(), slope.numpy(), label=name)
left.set(title="activation f(x)", xlabel="x", ylim=(-1.5, 4))
right.set(title="derivative f'(x), from autograd", xlabel="x", ylim=(-0.2, 1.2))
left.legend()
print(svg(fig, alt="Left: ReLU, sigmoid, tanh and GELU on x from -4 to 4. Right: their derivatives; sigmoid's never exceeds 0.25, tanh's peaks at 1, ReLU's is a step from 0 to 1, GELU's dips slightly below 0 and overshoots 1."))
# --8<-- [end:plot]
