"""One process on the global batch of 64 ends with the weights that two DDP processes of 32 reach (chapter: Data-parallel training with torch.distributed)."""
import runpy
import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))  # train_loop.py sits beside this file
globals().update(runpy.run_path(str(HERE / "launch.py")))
from train_loop import ClassicCNN, train  # noqa: E402

# --8<-- [start:compare]
single = train(os.path.join(folder, "single.pt"), batch_size=64)  # one process, world size 1, global batch 64
ddp_weights = torch.load(clean, map_location="cpu", weights_only=True)["model"]


def max_difference(state: dict) -> float:
    return max((single.state_dict()[name] - tensor).abs().max().item() for name, tensor in state.items())


torch.manual_seed(0)
start = ClassicCNN().state_dict()  # the weights both runs started from
print(f"largest weight difference, DDP (2 x 32) vs one process (64): {max_difference(ddp_weights):.1e}")
print(f"largest change of a weight during training: {max_difference(start):.2f}")
# --8<-- [end:compare]
