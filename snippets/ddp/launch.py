"""Launch train_ddp.py with torchrun on two CPU processes, as a subprocess, and show what they print (chapter: Data-parallel training with torch.distributed)."""
# --8<-- [start:imports]
import atexit
import os
import shutil
import tempfile

import torch

from torchsteps.course import snippet
from torchsteps.distributed import processes_running, torchrun
# --8<-- [end:imports]

# --8<-- [start:settings]
script = snippet("ddp/train_ddp.py")  # snippets/ddp/train_ddp.py, or its copy in the installed package
folder = tempfile.mkdtemp(prefix="ddp-")  # checkpoints go here
atexit.register(shutil.rmtree, folder, ignore_errors=True)  # and go away when this Python exits
# --8<-- [end:settings]

# --8<-- [start:launch]
def show(run) -> None:
    print(f"exit code {run.returncode}")
    print("\n".join(run.lines("[rank ")))  # what our script printed, in order


clean = os.path.join(folder, "clean.pt")
run = torchrun(script, ["--checkpoint", clean, "--batch-size", "32"], nproc=2, timeout=180)
show(run)
print("processes of this job still running:", processes_running(folder))  # the folder is in their command lines
# --8<-- [end:launch]

# --8<-- [start:seconds]
print(f"launch to exit: {run.seconds:.1f} s")
# --8<-- [end:seconds]
