"""What our cells say when a shape is wrong (chapter: Recurrent networks)."""
import torch
from torch import nn

from torchsteps.rnn import lstm_cell, rnn_cell

# --8<-- [start:errors]
import textwrap

torch.manual_seed(0)
cell = nn.RNNCell(5, 6)  # input_size 5, hidden_size 6
weights = [cell.weight_ih, cell.weight_hh, cell.bias_ih, cell.bias_hh]
attempts = {
    "x without its batch dimension": lambda: rnn_cell(torch.randn(5), torch.zeros(1, 6), *weights),
    "h of the wrong hidden size": lambda: rnn_cell(torch.randn(2, 5), torch.zeros(2, 4), *weights),
    "RNN weights in an LSTM cell": lambda: lstm_cell(torch.randn(2, 5), (torch.zeros(2, 6),) * 2, *weights),
}
for what, attempt in attempts.items():
    try:
        attempt()
    except (ValueError, TypeError) as error:
        message = f"{type(error).__name__}: {error}"
        print(what + ":\n" + textwrap.fill(message, width=78, initial_indent="  ", subsequent_indent="    "))
# --8<-- [end:errors]
