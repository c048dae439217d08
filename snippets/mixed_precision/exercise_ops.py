"""Exercise: the dtype of each layer of the CNN under CPU autocast (chapter: Mixed precision)."""
import torch

from torchsteps.cnn import CNN

# --8<-- [start:solution]
torch.manual_seed(0)
model = CNN().eval()
dtypes = {}


def record(name: str):
    def hook(module, inputs, output) -> None:  # returns None: the output is left as it is
        dtypes[name] = output.dtype
    return hook


hooks = [m.register_forward_hook(record(name)) for name, m in model.named_modules() if len(list(m.children())) == 0]
with torch.no_grad(), torch.autocast("cpu", dtype=torch.bfloat16):
    model(torch.randn(4, 1, 28, 28))  # (4, 1, 28, 28)
for hook in hooks:
    hook.remove()
for name, dtype in dtypes.items():
    print(f"{name:14s} {type(model.get_submodule(name)).__name__:12s} {dtype}")
# --8<-- [end:solution]
