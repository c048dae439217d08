"""Exercise: divide the logits by a temperature before the softmax (chapter: Softmax classification)."""
import torch
import torch.nn.functional as F

# --8<-- [start:solution]
z = torch.tensor([[2.0, 1.0, 0.1]])  # (1, 3): the worked example
for T in (0.1, 0.5, 1.0, 5.0, 100.0):
    print(f"T = {T:5}: {F.softmax(z / T, dim=1)}")
print("argmax is the same at every T:", {F.softmax(z / T, dim=1).argmax().item() for T in (0.1, 1.0, 100.0)})
# --8<-- [end:solution]
