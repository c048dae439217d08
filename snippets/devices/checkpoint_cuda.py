"""A checkpoint written on the GPU, loaded with and without map_location (chapter: Device-agnostic code)."""
# requires: cuda
# --8<-- [start:imports]
import tempfile
from pathlib import Path

import torch

from torchsteps.cnn import CNN
# --8<-- [end:imports]

# --8<-- [start:cuda]
torch.manual_seed(0)
gpu_model = CNN().to("cuda")
with tempfile.TemporaryDirectory() as folder:
    path = Path(folder) / "cnn_cuda.pt"
    torch.save(gpu_model.state_dict(), path)
    as_saved = torch.load(path, weights_only=True)  # tensors go back where they were saved: the GPU
    on_cpu = torch.load(path, map_location="cpu", weights_only=True)
print("without map_location:", {t.device.type for t in as_saved.values()})
print("with map_location='cpu':", {t.device.type for t in on_cpu.values()})
# --8<-- [end:cuda]
