"""Launching and surviving data-parallel training on one machine (chapter: Data-parallel training with torch.distributed).

``init_distributed`` joins the process group that ``torchrun`` prepares, ``save_atomic``
writes a checkpoint that is never half-written, ``free_port`` finds a port for the
rendezvous, ``torchrun`` launches a script and never leaves a process behind, and
``processes_running`` checks that from ``/proc``.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import torch
import torch.distributed as dist


# --8<-- [start:init]
def init_distributed(backend: str | None = None) -> tuple[int, int]:
    """Join the process group that torchrun set up; return ``(rank, world_size)`` (chapter: Data-parallel training with torch.distributed).

    Run without torchrun (no ``RANK`` in the environment), it returns ``(0, 1)``
    and starts no group. The backend defaults to ``nccl`` where every process on this
    machine can have a GPU of its own, else ``gloo``, which runs on the CPU.
    """
    if "RANK" not in os.environ:
        return 0, 1  # a plain `python script.py`: one process, nothing to join
    rank, world_size = int(os.environ["RANK"]), int(os.environ["WORLD_SIZE"])
    local_world_size = int(os.environ.get("LOCAL_WORLD_SIZE", world_size))
    backend = backend or ("nccl" if torch.cuda.device_count() >= local_world_size else "gloo")  # nccl needs a GPU per process
    if backend == "nccl":
        torch.cuda.set_device(int(os.environ["LOCAL_RANK"]))  # one GPU per process
    # torchrun keeps one key-value store across restarts, so each attempt gets its own
    # key prefix: otherwise a restarted group reads the dead group's addresses and hangs.
    store = dist.TCPStore(os.environ["MASTER_ADDR"], int(os.environ["MASTER_PORT"]), is_master=False)  # torchrun's store
    attempt = os.environ.get("TORCHELASTIC_RESTART_COUNT", "0")
    dist.init_process_group(backend, store=dist.PrefixStore(f"attempt-{attempt}", store), rank=rank, world_size=world_size)
    return rank, world_size
# --8<-- [end:init]


# --8<-- [start:save_atomic]
def save_atomic(obj, path: str | os.PathLike) -> Path:
    """``torch.save(obj, path)`` so that ``path`` holds the old file or the new one, never half of one (chapter: Data-parallel training with torch.distributed).

    It writes a temporary file in the same folder, flushes it to disk, then renames
    it over ``path``: on POSIX and Windows, ``os.replace`` is all or nothing.
    """
    path = Path(path)
    if not path.parent.is_dir():
        raise ValueError(f"path={str(path)!r}: the folder {str(path.parent)!r} does not exist; create it first")
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as f:
            torch.save(obj, f)
            f.flush()
            os.fsync(f.fileno())  # on disk before the rename makes it visible
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)  # a failed save leaves no debris
    return path
# --8<-- [end:save_atomic]


# --8<-- [start:resume]
def resume(checkpoint: str | os.PathLike, model: torch.nn.Module, optimizer: torch.optim.Optimizer) -> int:
    """Load ``checkpoint`` into ``model`` and ``optimizer`` if it exists; return the epoch to start from (chapter: Data-parallel training with torch.distributed).

    The checkpoint is a dict with ``model``, ``optimizer`` and ``epoch`` (the last
    finished one), as the chapter's training loop saves it with ``save_atomic``.
    """
    if not os.path.exists(checkpoint):
        return 0  # a fresh start
    state = torch.load(checkpoint, map_location="cpu", weights_only=True)  # tensors and numbers, no code
    missing = {"model", "optimizer", "epoch"} - set(state)
    if missing:
        raise ValueError(f"checkpoint={str(checkpoint)!r} lacks {sorted(missing)}; save model, optimizer and epoch together")
    model.load_state_dict(state["model"])
    optimizer.load_state_dict(state["optimizer"])
    if os.environ.get("RANK", "0") == "0":  # one line for the whole job
        print(f"[rank 0] resuming from {Path(checkpoint).name} at epoch {state['epoch'] + 1}", flush=True)
    return state["epoch"] + 1
# --8<-- [end:resume]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now (chapter: Data-parallel training with torch.distributed)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))  # port 0: the kernel picks a free one
        return s.getsockname()[1]


@dataclass
class LaunchResult:
    """What a ``torchrun`` launch left: its exit code, its output (stdout, then stderr) and its wall time (chapter: Data-parallel training with torch.distributed)."""

    returncode: int
    output: str
    seconds: float
    timed_out: bool = False

    def lines(self, start: str) -> list[str]:
        """The output lines that begin with ``start``."""
        return [line for line in self.output.splitlines() if line.startswith(start)]


def _command(script: str, args: list[str], nproc: int, port: int, max_restarts: int) -> list[str]:
    return [sys.executable, "-m", "torch.distributed.run",  # torchrun, from this Python's environment
            f"--nproc-per-node={nproc}", "--nnodes=1", "--master-addr=127.0.0.1", f"--master-port={port}",
            f"--max-restarts={max_restarts}", str(script), *map(str, args)]


# --8<-- [start:torchrun]
def torchrun(script: str | os.PathLike, args: list[str] = (), nproc: int = 2, port: int | None = None,
             max_restarts: int = 0, timeout: float = 120.0) -> LaunchResult:
    """Run ``script`` under torchrun on this machine and return what happened (chapter: Data-parallel training with torch.distributed).

    The launcher and its workers get a process group of their own; after a
    timeout, or whatever happens, the whole group is killed, so no worker outlives the call.
    """
    if not Path(script).is_file():
        raise ValueError(f"script={str(script)!r} is not a file; give its path from the folder you run in")
    if isinstance(nproc, bool) or not isinstance(nproc, int) or nproc < 1:
        raise ValueError(f"nproc={nproc!r} must be an int >= 1")
    env = dict(os.environ, OMP_NUM_THREADS="1")  # one thread per worker: the workers share the cores
    start = time.perf_counter()
    # Two pipes: stdout carries the script's own lines, which a log line on stderr could otherwise split in two.
    proc = subprocess.Popen(_command(script, list(args), nproc, port or free_port(), max_restarts), env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    timed_out = False
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
        _kill_group(proc.pid, signal.SIGTERM)  # ask politely: torchrun passes it on to its workers
        try:
            out, err = proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            _kill_group(proc.pid)
            out, err = proc.communicate()
    finally:
        _kill_group(proc.pid)  # anything still alive in the group
    return LaunchResult(proc.returncode, out + err, time.perf_counter() - start, timed_out)
# --8<-- [end:torchrun]


def _kill_group(pgid: int, sig: int | None = None) -> None:
    """Signal the whole process group (default SIGKILL); Windows has no process groups to signal."""
    if not hasattr(os, "killpg"):
        return
    try:
        os.killpg(pgid, signal.SIGKILL if sig is None else sig)
    except (ProcessLookupError, PermissionError):
        pass  # the group is already empty


def processes_running(needle: str) -> list[int]:
    """The ids of running processes whose command line contains ``needle`` (chapter: Data-parallel training with torch.distributed).

    Reads ``/proc``, so it works on Linux only; elsewhere it raises ``OSError``.
    """
    if not needle:
        raise ValueError("needle must be a non-empty string, such as the path of a training script")
    proc = Path("/proc")
    if not proc.is_dir():
        raise OSError("processes_running reads /proc, which only Linux has")
    found = []
    for entry in proc.iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue  # it ended while we looked
        if needle in cmdline and state != "Z":  # a zombie has ended; only its exit code is left
            found.append(int(entry.name))
    return sorted(found)
