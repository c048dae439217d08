"""The recurrence h_t = tanh(W_xh x_t + W_hh h_(t-1) + b), two steps by hand (chapter: Recurrent networks)."""
# --8<-- [start:imports]
import torch
from torch import nn

from torchsteps.rnn import check_step
# --8<-- [end:imports]
from torchsteps.rnn import rnn_cell  # the page shows its code right after the imports above

# --8<-- [start:worked]
W_xh = torch.tensor([[0.5], [-1.0]])  # (H, I) = (2, 1)
W_hh = torch.tensor([[0.1, 0.4], [-0.3, 0.2]])  # (H, H) = (2, 2)
b = torch.tensor([0.0, 0.1])  # (H,)
X = torch.tensor([[1.0], [2.0]])  # (T, I) = (2, 1): x_1 = 1, x_2 = 2
h = torch.zeros(1, 2)  # (B, H): h_0 = 0, for a batch of one sequence
zero = torch.zeros(2)  # torch keeps two biases; we put all of b in the first
for t, x_t in enumerate(X, start=1):
    a = x_t @ W_xh.T + h @ W_hh.T + b  # (1, H): the pre-activation, printed to follow along
    h = rnn_cell(x_t.unsqueeze(0), h, W_xh, W_hh, b, zero)
    a_t, h_t = [round(v, 4) for v in a[0].tolist()], [round(v, 4) for v in h[0].tolist()]
    print(f"t = {t}: a_{t} = {a_t}, h_{t} = tanh(a_{t}) = {h_t}")
# --8<-- [end:worked]
