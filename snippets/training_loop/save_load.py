"""Save a trained model's state_dict and load it into a fresh model (chapter: The training loop done right)."""
# --8<-- [start:imports]
import tempfile
from pathlib import Path
# --8<-- [end:imports]
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from torchsteps.datasets import load_mnist
from torchsteps.training import fit

X, y = load_mnist("train")
X_test, y_test = load_mnist("test")
train_loader = DataLoader(TensorDataset(X, y), batch_size=64, shuffle=True, generator=torch.Generator().manual_seed(0))


def make_model() -> nn.Module:
    torch.manual_seed(0)
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))


model = make_model()
fit(model, train_loader, nn.CrossEntropyLoss(), torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9), 1, device="cpu")

# --8<-- [start:state_dict]
for name, tensor in model.state_dict().items():  # every learned tensor, by name
    print(f"{name:10} {tuple(tensor.shape)}")
# --8<-- [end:state_dict]

# --8<-- [start:save_load]
with tempfile.TemporaryDirectory() as folder:  # deleted again at the end of the block
    path = Path(folder) / "mlp.pt"
    torch.save(model.state_dict(), path)
    loaded = nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))  # same shapes, new weights
    print(loaded.load_state_dict(torch.load(path, weights_only=True)))
model.eval()
loaded.eval()
with torch.inference_mode():
    same = torch.equal(model(X_test), loaded(X_test))  # X_test (2000, 1, 28, 28)
print("identical predictions on all 2000 test images:", same)
# --8<-- [end:save_load]
