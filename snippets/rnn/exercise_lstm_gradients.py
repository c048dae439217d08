"""Exercise: how far back does an LSTM's gradient reach, and what does the forget-gate bias change? (chapter: Recurrent networks)"""
import torch
from torch import nn

# --8<-- [start:solution]
seq_len, input_size, hidden_size = 100, 4, 32  # as in the experiment with the plain RNN


def lstm_gradient_norms(forget_bias: float | None) -> torch.Tensor:
    """The norm of dL/dx_t for t = 1..T for an LSTM; forget_bias=None keeps the default init."""
    torch.manual_seed(0)
    lstm = nn.LSTM(input_size, hidden_size, batch_first=True)
    if forget_bias is not None:
        with torch.no_grad():  # rows H..2H of each bias belong to f (order i, f, g, o); their sum counts
            lstm.bias_ih_l0[hidden_size:2 * hidden_size].fill_(forget_bias)
            lstm.bias_hh_l0[hidden_size:2 * hidden_size].fill_(0.0)
    X = torch.randn(1, seq_len, input_size, requires_grad=True)  # (B, T, I)
    output, (h_n, c_n) = lstm(X)
    h_n[-1].sum().backward()
    return X.grad[0].double().norm(dim=1)  # (T,): in float64, as before, so tiny norms stay exact


lstm_norms = {"default init": lstm_gradient_norms(None), "forget bias 3": lstm_gradient_norms(3.0)}
for label, n in lstm_norms.items():
    print(f"LSTM, {label}: |dL/dx_1| = {n[0]:.1e}, |dL/dx_50| = {n[49]:.1e}, |dL/dx_100| = {n[99]:.1e}")
# --8<-- [end:solution]
