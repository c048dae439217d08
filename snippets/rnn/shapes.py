"""What nn.RNN returns with batch_first=True: output (B, T, H) and h_n (num_layers, B, H) (chapter: Recurrent networks)."""
import torch
from torch import nn

# --8<-- [start:settings]
batch_size, seq_len, input_size, hidden_size = 2, 5, 3, 4
# --8<-- [end:settings]

# --8<-- [start:one_layer]
torch.manual_seed(0)
X = torch.randn(batch_size, seq_len, input_size)  # (B, T, I): batch first
rnn = nn.RNN(input_size, hidden_size, batch_first=True)
output, h_n = rnn(X)  # h_0 defaults to zeros
print("output:", tuple(output.shape), "= (B, T, H): the top layer's h_t at every step")
print("h_n:   ", tuple(h_n.shape), "= (num_layers, B, H): every layer's h at the last step")
print("output[:, -1] equals h_n[-1]:", torch.equal(output[:, -1], h_n[-1]))
# --8<-- [end:one_layer]

# --8<-- [start:two_layers]
rnn2 = nn.RNN(input_size, hidden_size, num_layers=2, batch_first=True)
output2, h_n2 = rnn2(X)
print("output:", tuple(output2.shape), " h_n:", tuple(h_n2.shape))
print("output[:, -1] equals h_n[-1] (top layer):   ", torch.equal(output2[:, -1], h_n2[-1]))
print("output[:, -1] equals h_n[0]  (bottom layer):", torch.equal(output2[:, -1], h_n2[0]))
for name, p in rnn2.named_parameters():
    print(f"{name:13} {tuple(p.shape)}")  # layer 1 reads layer 0's h, so its weight_ih is (H, H)
# --8<-- [end:two_layers]
