"""A gradient that underflows in float16, and survives when the loss is scaled (chapter: Mixed precision)."""
import torch

# --8<-- [start:settings]
scale = 65536.0  # 2**16: GradScaler's starting scale
# --8<-- [end:settings]

# --8<-- [start:underflow]
g = torch.tensor(1e-8)  # a small float32 gradient
print("1e-8 stored in float16:", g.half().item())
scaled = (g * scale).half()  # scale in float32 first, then store in float16
print("scaled, in float16:", scaled.item(), "| unscaled in float32:", scaled.float().item() / scale)
# --8<-- [end:underflow]

# --8<-- [start:backward]
a = 1e-4
grads = {}
for s in (1.0, scale):
    w = torch.ones(1, dtype=torch.float16, requires_grad=True)  # (1,) a float16 weight
    h = w * a  # (1,) a float16 activation
    loss = (h.float() * a).sum()  # a float32 loss, as autocast makes it; d loss / d w = a * a = 1e-8
    (loss * s).backward()  # what scaler.scale(loss).backward() does
    grads[s] = w.grad.float().item() / s  # what the scaler's unscale does, in float32
    print(f"scale {s:7.0f}: w.grad in float16 = {w.grad.item():.4g}, unscaled = {grads[s]:.4g}")
# --8<-- [end:backward]
