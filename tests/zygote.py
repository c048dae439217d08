"""A warm interpreter that runs snippet files as ``python snippets/...`` would, each in a forked child.

Started by ``snippetrun`` with warnings as errors and one torch thread. It imports torch, NumPy
and Matplotlib once, and ``torch._dynamo``, which a script's first optimizer would import (over a
second). For every request on stdin it forks a child that runs the file as ``__main__`` with fresh
module state and the network blocked, then answers ``<returncode>``.
A child inherits nothing a script could notice: the parent never seeds, computes or threads.

Some snippets start by running a sibling (``runpy.run_path(".../train.py")``) for its trained
model. The sibling is a test of its own; running it again for every file that reads its results
would train the same model many times. So a request names those siblings, and the child is
forked from a *holder*: a process that ran them once, in that order, and remembers what each
returned. In the child, ``runpy.run_path`` of a remembered file returns that namespace, in a
process whose state (random generators included) is the one the sibling's run left behind.
A sibling's own test and its holder are one run where that is exact: a request marked ``hold`` (a file
that other files read, and that never looks at ``__name__``) starts a holder that runs the file as
``__main__`` into that test's output files, answers its return code, and then keeps its namespace for
the files that read it. Where ``os.fork`` is missing (Windows), ``snippetrun`` starts a new interpreter
per file instead.
"""
from __future__ import annotations

import os
import runpy
import signal
import sys
import warnings

warnings.simplefilter("error")  # an import-time warning fails here, as it would in a fresh `python -W error`
import kernels  # noqa: E402

kernels.ignore_tool_warnings()  # only the tools' own noise about the interpreter (hooks/kernels.py)
import matplotlib  # noqa: E402,F401  - the heavy imports every snippet shares
import numpy  # noqa: E402,F401
import torch  # noqa: E402,F401
import torch._dynamo  # noqa: E402,F401  - what the first optimizer a script makes would import (over 1 s)

import offline  # noqa: E402

TIMEOUT = 600
_original_run_path = runpy.run_path
_remembered: dict[str, dict] = {}


def _run_path(path, init_globals=None, run_name=None):
    """runpy.run_path, answering from memory for a file this process already ran for its results."""
    key = os.path.realpath(str(path))
    if run_name is None and init_globals is None and key in _remembered:
        return _remembered[key]
    result = _original_run_path(path, init_globals=init_globals, run_name=run_name)
    if run_name is None and init_globals is None:
        _remembered[key] = result
    return result


def _redirect(out: str, err: str) -> None:
    for fd, path in ((1, out), (2, err)):
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        os.dup2(handle, fd)
        os.close(handle)
    sys.stdout = open(1, "w", closefd=False)  # noqa: SIM115
    sys.stderr = open(2, "w", closefd=False)  # noqa: SIM115


def _run_as_main(script: str) -> tuple[int, dict | None]:
    """Run the script as __main__, as ``python <script>`` would; its return code, and its namespace if it succeeded."""
    signal.alarm(TIMEOUT)
    code, namespace = 0, None
    try:
        offline.block_network("snippet " + script)
        sys.argv = [script]
        sys.path[0] = os.path.dirname(script)  # as `python snippets/<dir>/<file>.py` sets it
        namespace = runpy.run_path(script, run_name="__main__")
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    except BaseException:  # noqa: BLE001 - reported like an uncaught exception in a script
        import traceback

        traceback.print_exc()
        code = 1
    signal.alarm(0)
    sys.stdout.flush()
    sys.stderr.flush()
    return code, namespace if code == 0 else None


def _run_main(script: str, out: str, err: str) -> None:
    """In a forked child: run the script as __main__ with stdout and stderr in files, then exit with its code."""
    _redirect(out, err)
    os._exit(_run_as_main(script)[0])


def _fork_and_wait(script: str, out: str, err: str) -> int:
    pid = os.fork()
    if pid == 0:
        _run_main(script, out, err)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


class _Holder:
    """A forked process that ran some siblings once and forks a child for every script that reads them.

    With ``main=(out, err)`` it holds one file, run as ``__main__`` into those files: that run is the file's own
    test, and its return code is the holder's first answer (``self.first``).
    """

    def __init__(self, siblings: list[str], out: str, err: str, main: tuple[str, str] | None = None):
        to_holder, self.requests = os.pipe()
        self.answers, from_holder = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:
            os.close(self.requests)
            os.close(self.answers)
            self._serve(siblings, os.fdopen(to_holder), os.fdopen(from_holder, "w"), out, err, main)
        os.close(to_holder)
        os.close(from_holder)
        self.requests, self.answers = os.fdopen(self.requests, "w"), os.fdopen(self.answers)
        self.first = int(self.answers.readline()) if main else None

    @staticmethod
    def _serve(siblings, requests, answers, out, err, main) -> None:
        saved = os.dup(1), os.dup(2)
        if main:
            _redirect(*main)
            code, namespace = _run_as_main(siblings[0])
            if namespace is not None:
                _remembered[os.path.realpath(siblings[0])] = namespace
            else:
                _remembered.clear()  # the children then run it themselves and show the error
            answers.write(f"{code}\n")
            answers.flush()
        else:
            _redirect(out, err)  # a sibling that fails here fails again, visibly, in the child
            try:
                offline.block_network("snippet " + siblings[0])
                for sibling in siblings:
                    sys.path[0] = os.path.dirname(sibling)
                    runpy.run_path(sibling)
            except BaseException:  # noqa: BLE001
                _remembered.clear()  # the children then run the siblings themselves and show the error
            sys.stdout.flush()
            sys.stderr.flush()
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        for line in requests:
            script, child_out, child_err = line.rstrip("\n").split("\t")
            answers.write(f"{_fork_and_wait(script, child_out, child_err)}\n")
            answers.flush()
        os._exit(0)

    def run(self, script: str, out: str, err: str) -> int:
        self.requests.write(f"{script}\t{out}\t{err}\n")
        self.requests.flush()
        return int(self.answers.readline())

    def close(self) -> None:
        self.requests.close()
        self.answers.close()
        os.waitpid(self.pid, 0)


def main() -> None:
    runpy.run_path = _run_path
    holders: dict[tuple[str, ...], _Holder] = {}
    for line in sys.stdin:
        script, out, err, hold, *siblings = line.rstrip("\n").split("\t")
        if hold == "hold" and (script,) not in holders:
            holders[(script,)] = _Holder([script], out + ".holder", err + ".holder", main=(out, err))
            code = holders[(script,)].first
        elif siblings:
            key = tuple(siblings)
            if key not in holders:
                holders[key] = _Holder(siblings, out + ".holder", err + ".holder")
            code = holders[key].run(script, out, err)
        else:
            code = _fork_and_wait(script, out, err)
        print(code, flush=True)
    # Newest first: a holder forked later holds copies of the older holders' request pipes, so an older holder
    # sees its end of input only once every newer one has gone.
    for holder in reversed(list(holders.values())):
        holder.close()


if __name__ == "__main__":
    main()
