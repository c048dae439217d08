"""Our GRU and LSTM cells against nn.GRUCell and nn.LSTMCell with the same weights, forward and backward (chapter: Recurrent networks)."""
import torch
from torch import nn

from torchsteps.rnn import gru_cell, lstm_cell  # the page shows their code before this step

# --8<-- [start:settings]
batch_size, seq_len, input_size, hidden_size = 3, 4, 5, 6
# --8<-- [end:settings]


# --8<-- [start:compare]
def compare(ours, theirs: nn.Module, lstm: bool) -> None:
    """Unroll both cells over the same inputs, then compare outputs and every gradient."""
    names = ["weight_ih", "weight_hh", "bias_ih", "bias_hh"]
    # the same numbers as the torch cell's, in leaves of our own
    weights = [getattr(theirs, n).detach().clone().requires_grad_() for n in names]
    X = torch.randn(batch_size, seq_len, input_size, requires_grad=True)  # (B, T, I)
    zeros = torch.zeros(batch_size, hidden_size)  # (B, H)
    state_ours = state_theirs = (zeros, zeros) if lstm else zeros
    for t in range(seq_len):
        state_ours = ours(X[:, t], state_ours, *weights)
        state_theirs = theirs(X[:, t], state_theirs)
    h_ours, h_theirs = (state_ours[0], state_theirs[0]) if lstm else (state_ours, state_theirs)
    torch.testing.assert_close(h_ours, h_theirs)
    g_ours = torch.autograd.grad(h_ours.sum(), [X, *weights])
    g_theirs = torch.autograd.grad(h_theirs.sum(), [X, *(getattr(theirs, n) for n in names)])
    for g1, g2 in zip(g_ours, g_theirs):
        torch.testing.assert_close(g1, g2)
    print(f"{type(theirs).__name__}: weight_ih {tuple(weights[0].shape)}; h_T and 5 gradients match")


torch.manual_seed(0)
compare(gru_cell, nn.GRUCell(input_size, hidden_size), lstm=False)
compare(lstm_cell, nn.LSTMCell(input_size, hidden_size), lstm=True)
# --8<-- [end:compare]
