"""Exercise: softmax over two classes is the sigmoid of the logit difference (chapter: Softmax classification)."""
import torch
import torch.nn.functional as F
from torch import nn

# --8<-- [start:solution]
torch.manual_seed(0)
logits = torch.randn(6, 2)  # (6, 2): two classes
y = torch.randint(0, 2, (6,))  # (6,) class indices 0 or 1
diff = logits[:, 1] - logits[:, 0]  # (6,): one logit is all a two-class problem needs
print(torch.allclose(F.softmax(logits, dim=1)[:, 1], torch.sigmoid(diff)))
ce = nn.CrossEntropyLoss()(logits, y)
bce = nn.BCEWithLogitsLoss()(diff, y.float())
print(ce, bce, torch.allclose(ce, bce))
# --8<-- [end:solution]
