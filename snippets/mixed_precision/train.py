"""Part III's CNN trained one epoch in float32 and under bfloat16 autocast on the CPU (chapter: Mixed precision)."""
import time

import torch
from torch import nn

from torchsteps.cnn import CNN, mnist_loaders

# --8<-- [start:settings]
lr = 1e-3
batch_size = 64
num_epochs = 1  # one epoch of the 8,000 training images each way keeps the page quick
# --8<-- [end:settings]


# --8<-- [start:train]
def train_and_test(use_bf16: bool) -> tuple[nn.Module, float, float]:
    """Train a fresh CNN with Adam; return it, its test accuracy and the training seconds."""
    torch.manual_seed(0)  # the same initial weights both ways
    train_loader, test_loader = mnist_loaders(batch_size=batch_size, seed=0)  # the same batches too
    model = CNN()
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = nn.CrossEntropyLoss()
    start = time.perf_counter()
    for epoch in range(num_epochs):
        for X, y in train_loader:
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=use_bf16):  # forward and loss only
                loss = loss_fn(model(X), y)
            optimizer.zero_grad()
            loss.backward()  # runs each op's backward in the dtype its forward used
            optimizer.step()  # float32 weights, float32 update
    seconds = time.perf_counter() - start
    model.eval()
    with torch.no_grad(), torch.autocast("cpu", dtype=torch.bfloat16, enabled=use_bf16):
        correct = sum((model(X).argmax(dim=1) == y).sum().item() for X, y in test_loader)
    return model, correct / len(test_loader.dataset), seconds


model_fp32, acc_fp32, seconds_fp32 = train_and_test(use_bf16=False)
model_bf16, acc_bf16, seconds_bf16 = train_and_test(use_bf16=True)
print(f"test accuracy: float32 {acc_fp32:.2%}, bfloat16 autocast {acc_bf16:.2%}, "
      f"difference {(acc_bf16 - acc_fp32) * 100:+.2f} points")
# --8<-- [end:train]

# --8<-- [start:times]
print(f"one epoch on 1 thread: float32 {seconds_fp32:.1f} s, bfloat16 autocast {seconds_bf16:.1f} s "
      f"({seconds_fp32 / seconds_bf16:.2f}x)")
# --8<-- [end:times]
