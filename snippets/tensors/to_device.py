"""Move tensors to the best device and back (chapter: Tensors)."""
# --8<-- [start:imports]
import torch

from torchsteps.device import device
# --8<-- [end:imports]

# --8<-- [start:device]
dev = device()  # cuda if there is one, else mps, else cpu
X = torch.randn(4, 3)  # (4, 3), made on the CPU
X_dev = X.to(dev)  # a copy on dev (the same tensor if dev is the CPU)
W = torch.randn(3, 2, device=dev)  # (3, 2), made directly on dev
y_hat = X_dev @ W  # (4, 2): both operands live on dev
print(dev, X_dev.device, y_hat.device, y_hat.shape)
print(y_hat.cpu().numpy().shape)  # .numpy() needs a CPU tensor
# --8<-- [end:device]
