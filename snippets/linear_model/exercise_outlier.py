"""Exercise: one outlier against the squared and the absolute error (chapter: The linear model)."""
import torch

# --8<-- [start:solution]
X = torch.tensor([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 6.0])  # (7,) a seventh student ...
y = torch.tensor([3.5, 4.5, 7.5, 8.5, 10.5, 13.5, 1.0])  # (7,) ... who was ill on the day
ws = torch.linspace(0, 4, 401)  # (401,)
errors = ws[:, None] * X - y  # (401, 7): every candidate w against every student
for name, losses in [("squared", (errors**2).mean(dim=1)), ("absolute", errors.abs().mean(dim=1))]:
    best_all = ws[losses.argmin()].item()
    clean = errors[:, :6]  # (401, 6): the same candidates without the seventh student
    losses_clean = (clean**2).mean(dim=1) if name == "squared" else clean.abs().mean(dim=1)
    best_clean = ws[losses_clean.argmin()].item()
    print(f"{name:8} error: best w {best_clean:.2f} without the outlier, {best_all:.2f} with it")
# --8<-- [end:solution]
