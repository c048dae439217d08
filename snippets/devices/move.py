"""Tensors and models on the chosen device (chapter: Device-agnostic code)."""
import torch

from torchsteps.accel import pick_device
# --8<-- [start:imports]
from torchsteps.cnn import CNN
# --8<-- [end:imports]

device = pick_device()

# --8<-- [start:tensors]
x = torch.randn(3, 4)  # (3, 4), made on the CPU
x_dev = x.to(device)  # a copy on device, or x itself when it is already there
w = torch.zeros(4, 2, device=device)  # (4, 2), made where it is needed: nothing to copy
print(x.device, x_dev.device, w.device, "| x_dev is x:", x_dev is x)
print((x_dev @ w).device)  # both operands on one device: fine
# --8<-- [end:tensors]

# --8<-- [start:model]
torch.manual_seed(0)
model = CNN()
returned = model.to(device)  # moves every parameter and buffer, in place
X = torch.randn(8, 1, 28, 28)  # (8, 1, 28, 28): a batch made on the CPU
y_hat = model(X.to(device))  # (8, 10), on device
print("model.to returned the model itself:", returned is model)
print("parameters on", {p.device.type for p in model.parameters()}, "| buffers on", {b.device.type for b in model.buffers()})
print("y_hat:", tuple(y_hat.shape), "on", y_hat.device)
# --8<-- [end:model]
