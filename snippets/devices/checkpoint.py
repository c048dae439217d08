"""Save a model's weights on one device and load them on the CPU with map_location (chapter: Device-agnostic code)."""
import runpy
from pathlib import Path

import torch

from torchsteps.cnn import CNN

# On its own, this file first runs loader.py, which trains model_b; on the page it is already there.
_page = runpy.run_path(str(Path(__file__).with_name("loader.py")))
model_b, X_test, device = _page["model_b"], _page["X_test"], _page["device"]

# --8<-- [start:checkpoint]
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as folder:
    path = Path(folder) / "cnn.pt"
    torch.save(model_b.state_dict(), path)  # each tensor is saved with the device it lives on
    state = torch.load(path, map_location="cpu", weights_only=True)  # every tensor lands on the CPU
print("saved from", device, "| loaded onto", {t.device.type for t in state.values()})

cpu_model = CNN()
cpu_model.load_state_dict(state)
cpu_model.eval()
model_b.eval()  # batch norm: use the running statistics in both
with torch.no_grad():
    y_hat_cpu = cpu_model(X_test[:500])  # (500, 10)
    y_hat_dev = model_b(X_test[:500].to(device)).cpu()  # (500, 10), computed where it was trained
agree = torch.equal(y_hat_cpu.argmax(dim=1), y_hat_dev.argmax(dim=1))
print("same predictions on 500 test images:", agree, "| largest logit difference:", (y_hat_cpu - y_hat_dev).abs().max().item())
# --8<-- [end:checkpoint]
