"""Unroll our RNN cell by hand and check it against nn.RNNCell and nn.RNN, forward and backward (chapter: Recurrent networks)."""
import torch
from torch import nn

from torchsteps.rnn import rnn_cell

# --8<-- [start:settings]
batch_size, seq_len, input_size, hidden_size = 3, 5, 4, 6
# --8<-- [end:settings]

# --8<-- [start:unroll]
torch.manual_seed(0)
rnn = nn.RNN(input_size, hidden_size, batch_first=True)
cell = nn.RNNCell(input_size, hidden_size)
names = ["weight_ih", "weight_hh", "bias_ih", "bias_hh"]
# our own leaf copies of nn.RNN's layer-0 weights
ours = {n: getattr(rnn, n + "_l0").detach().clone().requires_grad_() for n in names}
with torch.no_grad():
    for n in names:
        getattr(cell, n).copy_(ours[n])  # the cell gets the same numbers as nn.RNN's layer 0

X = torch.randn(batch_size, seq_len, input_size, requires_grad=True)  # (B, T, I)
h, h_cell = torch.zeros(batch_size, hidden_size), torch.zeros(batch_size, hidden_size)  # (B, H)
hs, hs_cell = [], []
for t in range(seq_len):  # the unrolled loop: the same weights at every step
    h = rnn_cell(X[:, t], h, *ours.values())
    h_cell = cell(X[:, t], h_cell)
    hs.append(h)
    hs_cell.append(h_cell)
output_ours, output_cell = torch.stack(hs, dim=1), torch.stack(hs_cell, dim=1)  # (B, T, H)
output, h_n = rnn(X)  # (B, T, H), (1, B, H)
print(f"ours vs nn.RNNCell, max difference: {(output_ours - output_cell).abs().max():.1e}")
print(f"ours vs nn.RNN,     max difference: {(output_ours - output).abs().max():.1e}")
# --8<-- [end:unroll]

# --8<-- [start:backward]
w = torch.randn(batch_size, seq_len, hidden_size)  # a loss that weighs every output differently
grads_ours = torch.autograd.grad((w * output_ours).sum(), [X, *ours.values()])
grads_torch = torch.autograd.grad((w * output).sum(), [X, *(getattr(rnn, n + "_l0") for n in names)])
for name, g_ours, g_torch in zip(["X", *names], grads_ours, grads_torch):
    torch.testing.assert_close(g_ours, g_torch)  # raises if they differ beyond float32 rounding
    difference = (g_ours - g_torch).abs().max()
    print(f"gradient for {name:9} {str(tuple(g_ours.shape)):9} matches, max difference {difference:.1e}")
# --8<-- [end:backward]
