"""Exercise: which CPU tensors may meet a tensor on another device? (chapter: Device-agnostic code)."""
import torch

# --8<-- [start:solution]
x = torch.ones(3, device="meta")  # (3,), standing in for a GPU tensor
for name, other in [("0-d CPU tensor", torch.tensor(2.0)), ("1-element CPU tensor", torch.tensor([2.0])), ("Python float", 2.0)]:
    try:
        print(f"{name:22s} -> result on {(x * other).device}")
    except RuntimeError as error:
        print(f"{name:22s} -> RuntimeError: {error}")
# --8<-- [end:solution]
