"""Every snippet file runs on its own, as ``python snippets/...`` would run it: as __main__, in a fresh interpreter."""
from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "snippets").rglob("*.py"))

# Warnings are errors and only loopback connections work, as in the build.
RUNNER = (
    "import sys, runpy, offline; offline.block_network('snippet ' + sys.argv[1]); "
    "sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name='__main__')"
)


def needs_cuda(path: Path) -> bool:
    head = path.read_text(encoding="utf-8").splitlines()[:5]
    return any(line.strip() == "# requires: cuda" for line in head)


def _params():
    for snippet in SNIPPETS:
        marks = [pytest.mark.cuda] if needs_cuda(ROOT / snippet) else []
        yield pytest.param(snippet, id=snippet, marks=marks)


def _run_script(snippet: str, cache_dir: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT / "hooks")]), MPLBACKEND="Agg", OMP_NUM_THREADS="1")
    env.setdefault("TORCHSTEPS_CACHE", cache_dir)
    return subprocess.run(
        [sys.executable, "-W", "error", "-c", RUNNER, str(ROOT / snippet)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,  # as a reader runs `python snippets/...`
    )


@pytest.fixture(scope="module")
def script_runs(request, tmp_path_factory):
    """Start every selected snippet at once on a small pool: each is one single-threaded process, so cores run them side by side."""
    cache_dir = str(tmp_path_factory.mktemp("cache"))
    selected = {i.callspec.params["snippet"] for i in request.session.items if "snippet" in getattr(getattr(i, "callspec", None), "params", {})}
    runnable = [s for s in SNIPPETS if s in selected and (not needs_cuda(ROOT / s) or _cuda())]
    workers = max(1, min(4, os.cpu_count() or 1))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        yield {s: pool.submit(_run_script, s, cache_dir) for s in runnable}


def _cuda() -> bool:
    import torch

    return torch.cuda.is_available()


@pytest.mark.parametrize("snippet", list(_params()))
def test_snippet_runs_as_script(snippet: str, script_runs) -> None:
    if needs_cuda(ROOT / snippet) and not _cuda():
        pytest.skip("# requires: cuda; torch.cuda.is_available() is False here")
    result = script_runs[snippet].result()
    assert result.returncode == 0, f"{snippet} failed:\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}"
    assert result.stdout.strip(), f"{snippet} printed nothing: a step should show its result"


def test_snippet_files_are_small_and_documented() -> None:
    """One step per file: a docstring that names the chapter, and at most about 40 lines of code."""
    problems = []
    for snippet in SNIPPETS:
        text = (ROOT / snippet).read_text(encoding="utf-8")
        code = [l for l in text.splitlines() if l.strip() and not l.lstrip().startswith("# --8<--")]
        if not text.startswith('"""') or "chapter:" not in text.split('"""')[1]:
            problems.append(f"{snippet}: the docstring must name its chapter, as (chapter: Name)")
        if len(code) > 45:
            problems.append(f"{snippet}: {len(code)} lines of code; split it into steps of 15 to 40")
    assert not problems, "\n".join(problems)
