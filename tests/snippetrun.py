"""Every selected snippet file runs as ``python snippets/...`` would run it, in a fresh interpreter, in the background.

The pool starts as soon as pytest has collected its tests (``conftest.pytest_collection_finish``),
so the scripts run on the spare cores while the page blocks and chapter tests run in the main process.
``test_snippets`` then only waits for each result.
"""
from __future__ import annotations

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
    "import sys, runpy, offline; offline.block_network('snippet ' + sys.argv[1]); "
    "sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name='__main__')"
)

_pool: ThreadPoolExecutor | None = None
_runs: dict[str, Future] = {}
_cache_dir = ""  # a fresh TORCHSTEPS_CACHE for the scripts, removed at the end


def needs_cuda(snippet: str) -> bool:
    head = (ROOT / snippet).read_text(encoding="utf-8").splitlines()[:5]
    return any(line.strip() == "# requires: cuda" for line in head)


def run_script(snippet: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT / "hooks")]), MPLBACKEND="Agg", OMP_NUM_THREADS="1")
    global _cache_dir
    if not _cache_dir:
        _cache_dir = tempfile.mkdtemp(prefix="torchsteps-snippets-")
    env.setdefault("TORCHSTEPS_CACHE", _cache_dir)
    return subprocess.run(
        [sys.executable, "-W", "error", "-c", RUNNER, str(ROOT / snippet)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,  # as a reader runs `python snippets/...`
    )


def start(snippets: list[str]) -> None:
    """Queue the scripts; one worker per core (at most 4), sharing the cores with pytest's own process."""
    global _pool
    if not snippets or _pool is not None:
        return
    _pool = ThreadPoolExecutor(max_workers=max(1, min(4, os.cpu_count() or 1)))
    for snippet in snippets:
        _runs[snippet] = _pool.submit(run_script, snippet)


def result(snippet: str) -> subprocess.CompletedProcess:
    if snippet not in _runs:  # not queued at collection (a direct call): run it now
        _runs[snippet] = Future()
        _runs[snippet].set_result(run_script(snippet))
    return _runs[snippet].result()


def stop() -> None:
    import shutil

    if _pool is not None:
        _pool.shutdown(wait=True, cancel_futures=True)
    if _cache_dir:
        shutil.rmtree(_cache_dir, ignore_errors=True)
