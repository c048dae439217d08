"""Exercise: put the GRU's reset gate before W_hn instead of after, and compare with nn.GRUCell (chapter: Recurrent networks)."""
# --8<-- [start:imports]
import torch
from torch import nn

from torchsteps.rnn import gru_cell
# --8<-- [end:imports]

# --8<-- [start:solution]
def gru_cell_reset_first(x, h, weight_ih, weight_hh, bias_ih, bias_hh):
    """The GRU of Cho et al. (2014): the reset gate scales h *before* it meets W_hn."""
    x_r, x_z, x_n = (x @ weight_ih.T + bias_ih).chunk(3, dim=1)  # three (B, H) blocks
    h_r, h_z, _ = (h @ weight_hh.T + bias_hh).chunk(3, dim=1)
    W_hn, b_hn = weight_hh.chunk(3, dim=0)[2], bias_hh.chunk(3)[2]  # (H, H), (H,)
    r, z = torch.sigmoid(x_r + h_r), torch.sigmoid(x_z + h_z)
    n = torch.tanh(x_n + (r * h) @ W_hn.T + b_hn)
    return (1 - z) * n + z * h


torch.manual_seed(0)
cell = nn.GRUCell(5, 6)
weights = [cell.weight_ih, cell.weight_hh, cell.bias_ih, cell.bias_hh]
x, h = torch.randn(3, 5), torch.randn(3, 6)  # (B, I), (B, H): a nonzero h, as mid-sequence
with torch.no_grad():
    torch_h = cell(x, h)
    for name, ours in [("PyTorch's formula", gru_cell), ("reset gate first ", gru_cell_reset_first)]:
        print(f"{name}: max difference from nn.GRUCell {(ours(x, h, *weights) - torch_h).abs().max():.1e}")
# --8<-- [end:solution]
