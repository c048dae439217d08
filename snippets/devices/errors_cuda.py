"""The device errors of a CUDA machine, with their real messages (chapter: Device-agnostic code)."""
# requires: cuda
# --8<-- [start:imports]
import torch

from torchsteps.cnn import CNN
# --8<-- [end:imports]

# --8<-- [start:cuda]
messages = {}


def show(what: str, action) -> None:
    try:
        action()
    except (RuntimeError, TypeError) as error:
        messages[what] = str(error)
        print(f"{what}:\n    {type(error).__name__}: {error}")


a, b = torch.ones(2, device="cuda"), torch.ones(2)  # (2,) on the GPU, (2,) on the CPU
show("a CUDA tensor plus a CPU tensor", lambda: a + b)
show(".numpy() on a CUDA tensor", lambda: a.numpy())
torch.manual_seed(0)
gpu_model = CNN().to("cuda")
show("a model on the GPU fed a CPU batch", lambda: gpu_model(torch.randn(8, 1, 28, 28)))
print("the fix, .cpu() then .numpy():", a.cpu().numpy())
# --8<-- [end:cuda]
