"""Every selected snippet file runs as ``python snippets/...`` would run it, as __main__, in the background.

Each file runs in a process of its own: a child forked from a warm interpreter that has imported
torch once (``zygote.py``), or a new interpreter where there is no fork or a CUDA GPU is present. The pool starts as soon as pytest has collected its tests (``conftest.pytest_collection_finish``),
so the scripts run on the spare cores while the page blocks and chapter tests run in the main process.
``test_snippets`` then only waits for each result.
"""
from __future__ import annotations

import functools
import os
import subprocess
import sys
import tempfile
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "snippets").rglob("*.py"))

# Warnings are errors and only loopback connections work, as in the build.
RUNNER = (
    "import os, sys, runpy, offline, kernels; offline.block_network('snippet ' + sys.argv[1]); kernels.ignore_tool_warnings(); "
    "sys.argv = sys.argv[1:]; sys.path[0] = os.path.dirname(sys.argv[0]); runpy.run_path(sys.argv[0], run_name='__main__')"
)

_pool: ThreadPoolExecutor | None = None
_runs: dict[str, Future] = {}
_cache_dir = ""  # a fresh TORCHSTEPS_CACHE for the scripts, removed at the end


def siblings(snippet: str) -> list[str]:
    """The files a snippet runs first for their results (``runpy.run_path`` of a name in its own folder), in order."""
    import re

    path = ROOT / snippet
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if "run_path(" in line and not line.lstrip().startswith("#"):
            for name in re.findall(r"[\"'](\w+\.py)[\"']", line):
                if (path.parent / name).is_file() and str(path.parent / name) not in found:
                    found.append(str(path.parent / name))
    return found


@functools.cache
def held() -> frozenset[str]:
    """The files whose own run can also be their readers' holder: each is the one sibling another file reads,
    and never looks at ``__name__`` (so running it as __main__ leaves the namespace ``run_path`` would)."""
    found = set()
    for snippet in SNIPPETS:
        read = siblings(snippet)
        if len(read) == 1 and "__name__" not in Path(read[0]).read_text(encoding="utf-8"):
            found.add(Path(read[0]).relative_to(ROOT).as_posix())
    return frozenset(found)


def family(snippet: str) -> str:
    """The files joined to this one by reading each other's results, as one name: they run on one runner, in order."""
    return _families()[snippet]


@functools.cache
def _families() -> dict[str, str]:
    group = {snippet: {snippet} for snippet in SNIPPETS}
    for snippet in SNIPPETS:
        for sibling in siblings(snippet):
            joined = group[snippet] | group[_rel(sibling)]
            for member in joined:
                group[member] = joined
    return {snippet: ",".join(sorted(members)) for snippet, members in group.items()}


def _rel(path: str) -> str:
    return Path(path).relative_to(ROOT).as_posix()


def needs_cuda(snippet: str) -> bool:
    head = (ROOT / snippet).read_text(encoding="utf-8").splitlines()[:5]
    return any(line.strip() == "# requires: cuda" for line in head)


def _env() -> dict:
    global _cache_dir
    if not _cache_dir:
        _cache_dir = tempfile.mkdtemp(prefix="torchsteps-snippets-")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT / "hooks")]), MPLBACKEND="Agg", OMP_NUM_THREADS="1")
    env.setdefault("TORCHSTEPS_CACHE", _cache_dir)
    return env


def run_script(snippet: str) -> subprocess.CompletedProcess:
    """A new interpreter for one file: what a reader runs, and the way on systems without fork."""
    return subprocess.run(
        [sys.executable, "-W", "error", "-c", RUNNER, str(ROOT / snippet)],
        cwd=ROOT, env=_env(), capture_output=True, text=True, timeout=600,
    )


class _Zygote:
    """One warm interpreter (tests/zygote.py) that forks a fresh child per file; saves importing torch each time."""

    def __init__(self):
        self.proc = subprocess.Popen(
            [sys.executable, "-W", "error", str(Path(__file__).with_name("zygote.py"))],
            cwd=ROOT, env=_env(), stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )

    def run(self, snippet: str) -> subprocess.CompletedProcess:
        out, err = Path(_cache_dir) / f"{os.getpid()}-{id(self)}.out", Path(_cache_dir) / f"{os.getpid()}-{id(self)}.err"
        hold = "hold" if snippet in held() else "-"
        self.proc.stdin.write("\t".join([str(ROOT / snippet), str(out), str(err), hold, *siblings(snippet)]) + "\n")
        self.proc.stdin.flush()
        answer = self.proc.stdout.readline()
        if not answer:
            raise RuntimeError(f"the snippet runner died while running {snippet}")
        return subprocess.CompletedProcess(snippet, int(answer), out.read_text(encoding="utf-8"), err.read_text(encoding="utf-8"))

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.stdout.close()
        self.proc.wait(timeout=60)


_zygotes: dict[int, _Zygote] = {}


def _run_forked(snippet: str) -> subprocess.CompletedProcess:
    import threading

    me = threading.get_ident()
    if me not in _zygotes:
        _zygotes[me] = _Zygote()
    return _zygotes[me].run(snippet)


def _fork_is_safe() -> bool:
    """Forking a warm interpreter suits the CPU. With a CUDA GPU it does not: a holder that ran a sibling on the GPU
    has a CUDA context and autograd threads, which a forked child cannot use, so each file gets a new interpreter."""
    if not hasattr(os, "fork"):
        return False
    import torch

    return not torch.cuda.is_available()


def _runner():
    global _FORK
    if _FORK is None:
        _FORK = _fork_is_safe()
    return _run_forked if _FORK else run_script


_FORK: bool | None = None


def _in_order(snippets: list[str]) -> list[str]:
    """The files a snippet reads come before it, so that their own runs are the ones it reads."""
    done: list[str] = []

    def visit(snippet: str) -> None:
        if snippet not in done:
            for sibling in siblings(snippet):
                if _rel(sibling) in snippets:
                    visit(_rel(sibling))
            done.append(snippet)

    for snippet in snippets:
        visit(snippet)
    return done


def start(snippets: list[str]) -> None:
    """Queue the scripts; one worker per core (at most 4), sharing the cores with pytest's own process.

    A family of files that read each other's results goes to one worker, in order, so each file trains once."""
    global _pool
    if not snippets or _pool is not None:
        return
    _pool = ThreadPoolExecutor(max_workers=max(1, min(4, os.cpu_count() or 1)))
    families: dict[str, list[str]] = {}
    for snippet in snippets:
        families.setdefault(family(snippet), []).append(snippet)
        _runs[snippet] = Future()
    for members in families.values():
        _pool.submit(_run_family, _in_order(members))


def _run_family(members: list[str]) -> None:
    for snippet in members:
        try:
            _runs[snippet].set_result(_runner()(snippet))
        except BaseException as error:  # noqa: BLE001 - the test that reads it reports it
            _runs[snippet].set_exception(error)


def result(snippet: str) -> subprocess.CompletedProcess:
    if snippet not in _runs:  # not queued at collection (under pytest-xdist, or a direct call): run it now
        for sibling in siblings(snippet):  # the files it reads first, so that their own runs are the ones it reads
            if _rel(sibling) in SNIPPETS and _rel(sibling) not in _runs:
                result(_rel(sibling))
        _runs[snippet] = Future()
        _runs[snippet].set_result(_runner()(snippet))
    return _runs[snippet].result()


def stop() -> None:
    import shutil

    if _pool is not None:
        _pool.shutdown(wait=True, cancel_futures=True)
    for zygote in _zygotes.values():
        zygote.close()
    if _cache_dir:
        shutil.rmtree(_cache_dir, ignore_errors=True)
