"""Train PyTorchZeroToAll's CNN as the original does: raw pixels, SGD, batches of 64 (chapter: A CNN on MNIST)."""
import torch
from torch import nn

# --8<-- [start:imports]
import math
import time

from torchsteps.cnn import ClassicCNN, mnist_loaders
from torchsteps.device import build_info
from torchsteps.training import evaluate, fit
# --8<-- [end:imports]

# --8<-- [start:settings]
lr = 0.01
momentum = 0.5
batch_size = 64
num_epochs = 1  # one pass over the 8,000 training digits
# --8<-- [end:settings]

# --8<-- [start:train]
torch.manual_seed(0)
# normalize=False: the raw pixels in [0, 1]
train_loader, test_loader = mnist_loaders(batch_size, seed=0, normalize=False)
model = ClassicCNN()
loss_fn = nn.CrossEntropyLoss()  # the model returns logits
optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=momentum)
start = time.perf_counter()
classic_history = fit(model, train_loader, loss_fn, optimizer, num_epochs)
classic_seconds = time.perf_counter() - start
classic_acc = evaluate(model, test_loader, loss_fn)["accuracy"]
print("training loss per epoch:", [round(l, 3) for l in classic_history["train_loss"]])
print(f"loss of a uniform guess over 10 digits, ln 10: {math.log(10):.3f}")
print(f"classic CNN, epochs: {num_epochs}, test accuracy {classic_acc:.4f}")
# --8<-- [end:train]

# --8<-- [start:timing]
print(f"training took {classic_seconds:.1f} s on {build_info()['device']}")
# --8<-- [end:timing]
