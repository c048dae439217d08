"""Why the launcher kills a process group, not a process: a hung job leaves nothing behind (chapter: Data-parallel training with torch.distributed)."""
# --8<-- [start:imports]
import os
import signal
import subprocess
import sys
import time

from torchsteps.distributed import processes_running
# --8<-- [end:imports]

# --8<-- [start:kill]
def count_when(done, seconds: float = 10.0) -> int:
    """How many of our processes run, once done(count) holds or the seconds are up."""
    deadline = time.monotonic() + seconds
    while not done(len(processes_running(tag))) and time.monotonic() < deadline:
        time.sleep(0.05)
    return len(processes_running(tag))


# A stand-in for a hung job: a launcher that starts a worker, and neither ever ends.
tag = f"ts-hung-{os.getpid()}"  # marks their command lines, so we count only these processes
worker = f"import time; time.sleep(600)  # {tag}"
launcher = f"import subprocess, sys, time; subprocess.Popen([sys.executable, '-c', {worker!r}]); time.sleep(600)"
proc = subprocess.Popen([sys.executable, "-c", launcher], start_new_session=True)
try:
    proc.wait(timeout=0.5)  # the launch timeout
except subprocess.TimeoutExpired:
    print("after the timeout:", count_when(lambda n: n == 2), "processes")
    os.killpg(proc.pid, signal.SIGKILL)  # the whole session: the launcher and every process it started
    proc.wait()
print("after killing the group:", count_when(lambda n: n == 0), "processes")
# --8<-- [end:kill]
