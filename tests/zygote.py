"""A warm interpreter that runs snippet files as ``python snippets/...`` would, each in a forked child.

Started by ``snippetrun`` with warnings as errors and one torch thread. It imports torch, NumPy
and Matplotlib once; for every path it reads on stdin it forks a child that runs the file as
``__main__`` with fresh module state and the network blocked, then answers ``<returncode>``.
A child inherits nothing a script could notice: the parent never seeds, computes or threads.
Where ``os.fork`` is missing (Windows), ``snippetrun`` starts a new interpreter per file instead.
"""
from __future__ import annotations

import os
import runpy
import signal
import sys
import warnings

warnings.simplefilter("error")  # an import-time warning fails here, as it would in a fresh `python -W error`
import matplotlib  # noqa: E402,F401  - the heavy imports every snippet shares
import numpy  # noqa: E402,F401
import torch  # noqa: E402,F401

import offline  # noqa: E402

TIMEOUT = 600


def run_child(script: str, out: str, err: str) -> None:
    """In the forked child: point stdout and stderr at files, then run the script as __main__."""
    for fd, path in ((1, out), (2, err)):
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        os.dup2(handle, fd)
        os.close(handle)
    sys.stdout = open(1, "w", closefd=False)  # noqa: SIM115
    sys.stderr = open(2, "w", closefd=False)  # noqa: SIM115
    signal.alarm(TIMEOUT)
    code = 0
    try:
        offline.block_network("snippet " + script)
        sys.argv = [script]
        sys.path[0] = os.path.dirname(script)  # as `python snippets/<dir>/<file>.py` sets it
        runpy.run_path(script, run_name="__main__")
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    except BaseException:  # noqa: BLE001 - reported like an uncaught exception in a script
        import traceback

        traceback.print_exc()
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def main() -> None:
    for line in sys.stdin:
        script, out, err = line.rstrip("\n").split("\t")
        pid = os.fork()
        if pid == 0:
            run_child(script, out, err)
        _, status = os.waitpid(pid, 0)
        code = os.waitstatus_to_exitcode(status)
        print(code, flush=True)


if __name__ == "__main__":
    main()
