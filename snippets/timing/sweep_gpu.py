"""CPU against GPU: training images per second of Part III's CNN as the batch grows (chapter: Timing honestly)."""
# requires: cuda
# --8<-- [start:imports]
import torch

from torchsteps.accel import all_cores, training_throughput
from torchsteps.cnn import CNN, mnist_tensors
from torchsteps.plotting import figure, svg
# --8<-- [end:imports]

# --8<-- [start:settings]
batch_sizes = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024]
# --8<-- [end:settings]

# --8<-- [start:sweep]
X_train, y_train, X_test, y_test = mnist_tensors()  # (8000, 1, 28, 28), (8000,)
rates = {"cpu": {}, "cuda": {}}
with all_cores() as num_threads:  # the CPU gets every core it has
    for device in rates:
        for batch_size in batch_sizes:
            torch.manual_seed(0)
            rates[device][batch_size] = training_throughput(CNN().to(device), X_train, y_train, batch_size, max_seconds=1.0)
print(f"training images per second; CPU on {num_threads} threads, GPU {torch.cuda.get_device_name()}\n")
print("| batch size | CPU | GPU | GPU / CPU |\n| ---: | ---: | ---: | ---: |")
for b in batch_sizes:
    print(f"| {b} | {rates['cpu'][b]:,.0f} | {rates['cuda'][b]:,.0f} | {rates['cuda'][b] / rates['cpu'][b]:.1f} |")
wins = [b for b in batch_sizes if rates["cuda"][b] > rates["cpu"][b]]
print(f"\nThe GPU is faster from batch size {wins[0]} on." if wins else "\nThe CPU was faster at every batch size.")
# --8<-- [end:sweep]

# --8<-- [start:figure]
fig, ax = figure()
for device, label in [("cpu", f"CPU ({num_threads} threads)"), ("cuda", "GPU")]:
    ax.plot(batch_sizes, [rates[device][b] for b in batch_sizes], marker="o", label=label)
ax.set(xscale="log", yscale="log", xlabel="batch size", ylabel="training images per second")
ax.legend()
print(svg(fig, alt="Training images per second against batch size on log axes, one line for the CPU and one for the GPU, as measured in this build; the GPU is faster wherever its line lies above the CPU's."))
# --8<-- [end:figure]
