"""The sigmoid turns any score into a probability (chapter: Logistic regression)."""
# --8<-- [start:imports]
import torch

from torchsteps.plotting import figure, svg
# --8<-- [end:imports]


# --8<-- [start:sigmoid]
def sigmoid(z: torch.Tensor) -> torch.Tensor:
    return 1 / (1 + torch.exp(-z))


z = torch.tensor([-4.0, -2.0, 0.0, 2.0, 4.0])  # (5,) scores, any real numbers
print(sigmoid(z))
print(torch.sigmoid(z))  # PyTorch's built-in gives the same numbers
print(sigmoid(z) + sigmoid(-z))  # sigma(z) + sigma(-z) = 1: flipping the score flips the class
print(torch.log(sigmoid(z) / (1 - sigmoid(z))))  # the log-odds give the score back
# --8<-- [end:sigmoid]

# --8<-- [start:plot]
zs = torch.linspace(-8, 8, 201)  # (201,)
s = torch.sigmoid(zs)
fig, ax = figure(width=6.0, height=3.2)
ax.plot(zs.numpy(), s.numpy(), label=r"$\sigma(z)$")
ax.plot(zs.numpy(), (s * (1 - s)).numpy(), "--", label=r"slope $\sigma(z)(1-\sigma(z))$")
ax.scatter(z.numpy(), torch.sigmoid(z).numpy(), zorder=3, color="black", s=15)
ax.axhline(0.5, color="grey", lw=0.8)
ax.set_xlabel("score z")
ax.set_ylim(-0.05, 1.05)
ax.legend(loc="upper left")
print(svg(fig, alt="The sigmoid rises from 0 to 1 in an S shape, passing 0.5 at z = 0; its slope is a bump that peaks at 0.25 at z = 0."))
# --8<-- [end:plot]
