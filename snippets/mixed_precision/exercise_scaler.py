"""Exercise: GradScaler skips a step whose gradients overflowed, and lowers its scale (chapter: Mixed precision)."""
import torch

# --8<-- [start:solution]
w = torch.nn.Parameter(torch.ones(2))  # (2,)
optimizer = torch.optim.SGD([w], lr=0.1)
scaler = torch.amp.GradScaler("cpu", init_scale=65536.0, growth_interval=1)  # grow after every clean step
for step, factor in enumerate([float("inf"), 1.0]):  # the first step's gradient overflows
    optimizer.zero_grad()
    loss = (w * torch.tensor([factor, 1.0])).sum()
    scaler.scale(loss).backward()
    scaler.step(optimizer)  # unscales; skips the update if any gradient is inf or nan
    scaler.update()
    print(f"step {step}: gradient {w.grad.tolist()} -> w = {[round(v, 4) for v in w.tolist()]}, next scale {scaler.get_scale():g}")
# --8<-- [end:solution]
