"""The data: hours studied and exam points for six students (chapter: The linear model)."""
# --8<-- [start:imports]
import torch
# --8<-- [end:imports]

# --8<-- [start:data]
# Made up but plausible: each hour of study is worth about 2 points, and turning up about 1.
X = torch.tensor([1.0, 2.0, 3.0, 4.0, 5.0, 6.0])  # (6,) hours studied
y = torch.tensor([3.5, 4.5, 7.5, 8.5, 10.5, 13.5])  # (6,) exam points, out of 15
print("hours: ", X.tolist())
print("points:", y.tolist())
print("points per hour:", [round(r, 2) for r in (y / X).tolist()])
# --8<-- [end:data]
