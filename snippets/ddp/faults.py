"""Two faults: a port that is taken, and a rank that raises; and how the job recovers (chapter: Data-parallel training with torch.distributed)."""
import runpy
from pathlib import Path

# --8<-- [start:imports]
import re
import socket
from datetime import timedelta
from pathlib import Path

import torch.distributed as dist

from torchsteps.distributed import free_port
# --8<-- [end:imports]

globals().update(runpy.run_path(str(Path(__file__).with_name("launch.py"))))

# --8<-- [start:busy_port]
with socket.socket() as squatter:  # another program holds a port...
    squatter.bind(("127.0.0.1", 0))
    squatter.listen()
    try:  # ...and torchrun's first act is to open its store there
        dist.TCPStore("127.0.0.1", squatter.getsockname()[1], is_master=True, timeout=timedelta(seconds=5))
    except dist.DistNetworkError as error:
        print(type(error).__name__ + ":", re.sub(r"port: \d+, ", "", str(error).splitlines()[0]))
print("a port picked by free_port() instead:", free_port() > 0)
# --8<-- [end:busy_port]

# --8<-- [start:rank_fails]
faulty = os.path.join(folder, "faulty.pt")
restarted = torchrun(script, ["--checkpoint", faulty, "--fail-epoch", "1"], nproc=2, max_restarts=1, timeout=240)
show(restarted)
print(next(line for line in restarted.output.splitlines() if line.startswith("[rank1]: RuntimeError")))
print("processes of this job still running:", processes_running(folder))
# --8<-- [end:rank_fails]

# --8<-- [start:same_weights]
recovered, uninterrupted = (torch.load(path, map_location="cpu", weights_only=True)["model"] for path in (faulty, clean))
print("recovered run == uninterrupted run:", all(torch.equal(recovered[k], uninterrupted[k]) for k in recovered))
print("files in the checkpoint folder:", sorted(os.listdir(folder)))
# --8<-- [end:same_weights]
