"""Exercise: the "hihell" task for a model that sees only the current character (chapter: Recurrent networks)."""
# --8<-- [start:imports]
import torch
import torch.nn.functional as F
from torch import nn
# --8<-- [end:imports]

# --8<-- [start:solution]
lr = 0.1
num_epochs = 200
chars = "hielo"
X_idx = torch.tensor([chars.index(c) for c in "hihell"])  # (T,)
y = torch.tensor([chars.index(c) for c in "ihello"])  # (T,)
X = F.one_hot(X_idx, num_classes=len(chars)).float()  # (T, C): each step on its own, no h to carry

torch.manual_seed(0)
model = nn.Linear(len(chars), len(chars))  # scores from the current character alone
loss_fn = nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(model.parameters(), lr=lr)
for epoch in range(num_epochs):
    loss = loss_fn(model(X), y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
predicted = "".join(chars[i] for i in model(X).argmax(dim=1).tolist())
correct = sum(p == t for p, t in zip(predicted, "ihello"))
print(f"predicted {predicted!r} for 'ihello': {correct} of 6 right, loss {loss.item():.3f}")
with torch.no_grad():
    for t in (0, 4):  # the first 'h' and the first 'l'
        probs = F.softmax(model(X[t]), dim=0)  # (C,)
        print(f"after {chars[X_idx[t]]!r}:", {c: round(p, 2) for c, p in zip(chars, probs.tolist())})
# --8<-- [end:solution]
