"""Teach an RNN to answer "hihell" with "ihello", characters as one-hot vectors (chapter: Recurrent networks)."""
import torch
from torch import nn

# --8<-- [start:imports]
import torch.nn.functional as F
# --8<-- [end:imports]

# --8<-- [start:settings]
lr = 0.1
num_epochs = 15
hidden_size = 8
# --8<-- [end:settings]

# --8<-- [start:data]
chars = "hielo"  # the vocabulary: five characters, codes 0 to 4
X_idx = torch.tensor([chars.index(c) for c in "hihell"])  # (T,) = (6,)
y = torch.tensor([chars.index(c) for c in "ihello"])  # (T,): the next character at every step
X = F.one_hot(X_idx, num_classes=len(chars)).float().unsqueeze(0)  # (B, T, C) = (1, 6, 5)
print("input codes", X_idx.tolist(), "target codes", y.tolist())
print(X[0])
# --8<-- [end:data]


# --8<-- [start:model]
class CharRNN(nn.Module):
    """An RNN over the characters, and a linear layer that turns each h_t into 5 scores."""

    def __init__(self, input_size: int, hidden_size: int, num_chars: int):
        super().__init__()
        self.rnn = nn.RNN(input_size, hidden_size, batch_first=True)
        self.head = nn.Linear(hidden_size, num_chars)

    def forward(self, X: torch.Tensor) -> torch.Tensor:
        output, _ = self.rnn(X)  # (B, T, H)
        return self.head(output)  # (B, T, C): a score per character at every step
# --8<-- [end:model]


# --8<-- [start:train]
def train(model: nn.Module, X: torch.Tensor) -> tuple[list[float], list[str]]:
    loss_fn = nn.CrossEntropyLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    losses, history = [], []  # the loss and the predicted string at every epoch
    for epoch in range(1, num_epochs + 1):
        y_hat = model(X)[0]  # (T, C): the scores for the one sequence
        loss = loss_fn(y_hat, y)  # every step is one classification
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
        history.append("".join(chars[i] for i in y_hat.argmax(dim=1).tolist()))
        print(f"epoch {epoch:2}: loss {loss.item():.3f}, predicted {history[-1]!r}")
    return losses, history


torch.manual_seed(0)
model = CharRNN(len(chars), hidden_size, len(chars))
losses, history = train(model, X)
print("final:", history[-1])
# --8<-- [end:train]
