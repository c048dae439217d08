"""Training throughput of Part III's CNN on the CPU, batch size by batch size (chapter: Timing honestly)."""
import torch

from torchsteps.accel import all_cores, training_throughput
from torchsteps.cnn import CNN, mnist_tensors

# --8<-- [start:settings]
batch_sizes = [1, 4, 16, 64, 256]
num_images = 1024  # the timed steps cycle through these training images
# --8<-- [end:settings]

# --8<-- [start:sweep]
X_train, y_train, X_test, y_test = mnist_tensors()
X, y = X_train[:num_images], y_train[:num_images]  # (1024, 1, 28, 28), (1024,)
cpu = {}
with all_cores() as num_threads:
    for batch_size in batch_sizes:
        torch.manual_seed(0)
        cpu[batch_size] = training_throughput(CNN(), X, y, batch_size, min_images=256, max_seconds=0.5)
print(f"CPU, {num_threads} threads: training images per second\n")
print("| batch size | images/s |\n| ---: | ---: |")
for batch_size, rate in cpu.items():
    print(f"| {batch_size} | {rate:,.0f} |")
# --8<-- [end:sweep]
