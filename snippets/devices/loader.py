"""Two ways to move batches: inside the loop, or with DeviceDataLoader (chapter: Device-agnostic code)."""
import torch
from torch import nn

from torchsteps.accel import pick_device
from torchsteps.cnn import CNN

# --8<-- [start:imports]
import time

from torch.utils.data import DataLoader, TensorDataset

from torchsteps.accel import DeviceDataLoader, synchronize
from torchsteps.cnn import mnist_tensors
# --8<-- [end:imports]

# --8<-- [start:settings]
num_images = 2048  # a quarter of the training split: enough to compare the two ways, quick on one thread
batch_size = 64
lr = 1e-3
# --8<-- [end:settings]

# --8<-- [start:loader]
device = pick_device()
X_train, y_train, X_test, y_test = mnist_tensors()  # normalised; (8000, 1, 28, 28) and (2000, 1, 28, 28)
dataset = TensorDataset(X_train[:num_images], y_train[:num_images])


def make_loader() -> DataLoader:
    pin = device.type == "cuda"  # page-locked batches only help copies to a CUDA GPU; without one they warn
    return DataLoader(dataset, batch_size=batch_size, shuffle=True, pin_memory=pin, generator=torch.Generator().manual_seed(0))


print(DeviceDataLoader(make_loader(), device).device, "| pin_memory:", make_loader().pin_memory)
# --8<-- [end:loader]

# --8<-- [start:train]
torch.backends.cudnn.deterministic = True  # on a GPU, cuDNN could otherwise sum in a different order each run


def train_epoch(batches, move_in_loop: bool) -> tuple[nn.Module, float]:
    torch.manual_seed(0)  # the same initial weights for both ways
    model = CNN().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = nn.CrossEntropyLoss()
    start = time.perf_counter()
    for X, y in batches:
        if move_in_loop:
            X, y = X.to(device, non_blocking=True), y.to(device, non_blocking=True)
        loss = loss_fn(model(X), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    synchronize(device)  # on a GPU, wait for the queued steps before reading the clock
    return model, time.perf_counter() - start


model_a, seconds_a = train_epoch(make_loader(), move_in_loop=True)
model_b, seconds_b = train_epoch(DeviceDataLoader(make_loader(), device), move_in_loop=False)
pairs = list(zip(model_a.state_dict().values(), model_b.state_dict().values()))
same = all(torch.equal(a, b) for a, b in pairs)
largest = max((a.double() - b.double()).abs().max().item() for a, b in pairs)
print("identical weights and batch-norm statistics after one epoch:", same, "| largest difference:", largest)
# --8<-- [end:train]

# --8<-- [start:times]
print(f"one epoch on {num_images} images: moved in the loop {seconds_a:.2f} s, DeviceDataLoader {seconds_b:.2f} s")
# --8<-- [end:times]
