"""Vanishing and exploding gradients: the norm of dL/dx_t over 100 steps, for a small and a large W_hh (chapter: Recurrent networks)."""
import torch
from torch import nn

# --8<-- [start:settings]
seq_len, input_size, hidden_size = 100, 4, 32
scales = (0.5, 3.0)  # how much W_hh stretches a typical vector
# --8<-- [end:settings]


# --8<-- [start:measure]
def gradient_norms(scale: float, seed: int = 0) -> tuple[torch.Tensor, nn.RNN]:
    """The norm of dL/dx_t for t = 1..T, where L depends only on the last hidden state."""
    torch.manual_seed(seed)
    rnn = nn.RNN(input_size, hidden_size, batch_first=True)
    with torch.no_grad():  # entries of variance scale^2 / H stretch a vector by about `scale`
        W_hh = scale * torch.randn(hidden_size, hidden_size) / hidden_size**0.5  # (H, H)
        rnn.weight_hh_l0.copy_(W_hh)
    X = torch.randn(1, seq_len, input_size, requires_grad=True)  # (B, T, I)
    output, h_n = rnn(X)  # (1, T, H), (1, 1, H)
    loss = h_n[-1].sum()  # a loss that reads only h_T
    loss.backward()
    # norms in float64: squaring an entry of 1e-30 inside the norm would underflow float32 to 0
    return X.grad[0].double().norm(dim=1), rnn  # (T,): one norm per time step


norms = {scale: gradient_norms(scale)[0] for scale in scales}
steps = [1, 25, 50, 75, 90, 100]
print("t:         " + "".join(f"{t:>10}" for t in steps))
for scale, n in norms.items():
    print(f"scale {scale}: " + "".join(f"{n[t - 1].item():10.1e}" for t in steps))
# --8<-- [end:measure]

# --8<-- [start:imports]
import numpy as np

from torchsteps.plotting import figure, svg
# --8<-- [end:imports]

# --8<-- [start:plot]
fig, ax = figure(width=6.0, height=3.4)
for scale, n in norms.items():
    ax.semilogy(np.arange(1, seq_len + 1), n.numpy(), label=f"W_hh scale {scale}")
ax.set_xlabel("time step t")
ax.set_ylabel("norm of dL/dx_t")
ax.legend(loc="center left")  # the middle of the left side is empty: no curve passes there
print(svg(fig, alt=(
    "Gradient norm of the loss with respect to each input over 100 time steps, on a log scale: "
    "with W_hh scale 0.5 it falls along a nearly straight line, by 35 orders of magnitude "
    "from the last step to the first; "
    "with scale 3.0 it rises towards the first step by more than eleven orders of magnitude."
)))
# --8<-- [end:plot]
