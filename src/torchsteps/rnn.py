"""Recurrent cells written out from their equations, with PyTorch's weight layout, so they can be checked against
``nn.RNNCell``, ``nn.GRUCell`` and ``nn.LSTMCell`` with the same weights."""
from __future__ import annotations

import torch

#: The torch cell whose weight layout each number of stacked gate blocks matches.
_CELLS = {1: "nn.RNNCell", 3: "nn.GRUCell", 4: "nn.LSTMCell"}


def _shape_error(name: str, value, expected: str, fix: str) -> ValueError:
    got = tuple(value.shape) if isinstance(value, torch.Tensor) else type(value).__name__
    return ValueError(f"{name} must have shape {expected}, got {got}: {fix}")


def check_step(x, h, weight_ih, weight_hh, bias_ih, bias_hh, gates: int, c=None) -> None:
    """Check the shapes for one step of a recurrent cell, naming the wrong argument (chapter: Recurrent networks).

    ``gates`` is how many blocks of ``hidden_size`` rows the weights stack: 1 (RNN), 3 (GRU) or 4 (LSTM).
    ``c`` is the LSTM's cell state, checked when given.
    """
    if gates not in _CELLS:
        raise ValueError(f"gates must be 1 (RNN), 3 (GRU) or 4 (LSTM), got {gates!r}")
    args = dict(x=x, h=h, weight_ih=weight_ih, weight_hh=weight_hh, bias_ih=bias_ih, bias_hh=bias_hh)
    for name, value in args.items():
        if not isinstance(value, torch.Tensor):
            raise TypeError(f"{name} must be a torch.Tensor, got {type(value).__name__}")
    stacked = f"{gates} stacked blocks of hidden_size rows, as in {_CELLS[gates]}"
    if weight_hh.dim() != 2 or weight_hh.shape[0] != gates * weight_hh.shape[1]:
        raise _shape_error("weight_hh", weight_hh, f"({gates} * hidden_size, hidden_size)", stacked)
    hidden_size = weight_hh.shape[1]
    if weight_ih.dim() != 2 or weight_ih.shape[0] != gates * hidden_size:
        raise _shape_error("weight_ih", weight_ih, f"({gates * hidden_size}, input_size)", stacked)
    for name, bias in (("bias_ih", bias_ih), ("bias_hh", bias_hh)):
        if bias.shape != (gates * hidden_size,):
            raise _shape_error(name, bias, f"({gates * hidden_size},)", "one bias per row of the weights")
    if x.dim() != 2 or x.shape[1] != weight_ih.shape[1]:
        expected = f"(batch, input_size) = (batch, {weight_ih.shape[1]})"
        raise _shape_error("x", x, expected, "one time step of a batch; for one sample use x.unsqueeze(0)")
    zeros = "start from torch.zeros(batch, hidden_size)"
    if h.shape != (x.shape[0], hidden_size):
        raise _shape_error("h", h, f"({x.shape[0]}, {hidden_size}) = (batch, hidden_size)", zeros)
    if c is not None and (not isinstance(c, torch.Tensor) or c.shape != h.shape):
        raise _shape_error("c", c, f"{tuple(h.shape)}, the shape of h", zeros)


# --8<-- [start:rnn_cell]
def rnn_cell(x, h, weight_ih, weight_hh, bias_ih, bias_hh):
    """One step of a plain (Elman) RNN: x (B, I), h (B, H) -> next h (B, H).

    (chapter: Recurrent networks)
    """
    check_step(x, h, weight_ih, weight_hh, bias_ih, bias_hh, gates=1)
    return torch.tanh(x @ weight_ih.T + bias_ih + h @ weight_hh.T + bias_hh)  # (B, H)
# --8<-- [end:rnn_cell]


# --8<-- [start:gru_cell]
def gru_cell(x, h, weight_ih, weight_hh, bias_ih, bias_hh):
    """One step of a GRU, gates stacked in PyTorch's order r, z, n: -> next h (B, H).

    (chapter: Recurrent networks)
    """
    check_step(x, h, weight_ih, weight_hh, bias_ih, bias_hh, gates=3)
    x_r, x_z, x_n = (x @ weight_ih.T + bias_ih).chunk(3, dim=1)  # three (B, H) blocks
    h_r, h_z, h_n = (h @ weight_hh.T + bias_hh).chunk(3, dim=1)
    r = torch.sigmoid(x_r + h_r)  # reset gate
    z = torch.sigmoid(x_z + h_z)  # update gate
    n = torch.tanh(x_n + r * h_n)  # candidate: r scales W_hn h + b_hn, bias included
    return (1 - z) * n + z * h
# --8<-- [end:gru_cell]


# --8<-- [start:lstm_cell]
def lstm_cell(x, state, weight_ih, weight_hh, bias_ih, bias_hh):
    """One step of an LSTM, gates stacked in PyTorch's order i, f, g, o: (h, c) -> next (h, c).

    (chapter: Recurrent networks)
    """
    if not isinstance(state, (tuple, list)) or len(state) != 2:
        raise TypeError("state must be a pair (h, c) of (batch, hidden_size) tensors")
    h, c = state
    check_step(x, h, weight_ih, weight_hh, bias_ih, bias_hh, gates=4, c=c)
    gates = x @ weight_ih.T + bias_ih + h @ weight_hh.T + bias_hh  # (B, 4H)
    a_i, a_f, a_g, a_o = gates.chunk(4, dim=1)  # four (B, H) blocks
    i, f, o = torch.sigmoid(a_i), torch.sigmoid(a_f), torch.sigmoid(a_o)  # input, forget, output
    g = torch.tanh(a_g)  # candidate values
    c = f * c + i * g  # (B, H): the cell state is only scaled and added to
    return o * torch.tanh(c), c
# --8<-- [end:lstm_cell]
