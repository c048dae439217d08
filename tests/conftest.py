"""Test-wide setup: the course's hooks on the path, and no network."""
from __future__ import annotations

import functools
import os
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "src"))

import offline  # noqa: E402

offline.block_network("the test suite")

# As in the build (hooks/execute.py): one CPU thread, so tests see the numbers the pages print.
os.environ["OMP_NUM_THREADS"] = "1"
os.environ["TORCHINDUCTOR_COMPILE_THREADS"] = "1"  # as in the build: torch.compile leaves no worker pool behind
import torch  # noqa: E402

torch.set_num_threads(1)


def cuda_available() -> bool:
    import torch

    return torch.cuda.is_available()


requires_cuda = pytest.mark.skipif(not cuda_available(), reason="needs a CUDA GPU; torch.cuda.is_available() is False here")


_snippet_results: dict[str, dict] = {}


def run_snippet(relpath: str) -> dict:
    """Run ``snippets/<relpath>`` once per test session and return its globals, for tests that assert on its results.

    Callers must not change what they get back: other tests read the same objects.
    """
    import runpy

    if relpath not in _snippet_results:
        _snippet_results[relpath] = runpy.run_path(str(ROOT / "snippets" / relpath))
    return _snippet_results[relpath]


def snippet_output(relpath: str, capsys) -> str:
    """What ``snippets/<relpath>`` prints when run afresh: the text its page shows under it."""
    import runpy

    capsys.readouterr()
    runpy.run_path(str(ROOT / "snippets" / relpath))
    return capsys.readouterr().out


def pytest_collection_finish(session):
    """Start the selected snippet scripts in the background now, so they use the spare cores while other tests run.

    Under pytest-xdist (``-n``) the workers share the cores instead, and each runs its own scripts as it meets them.
    """
    import snippetrun

    if os.environ.get("PYTEST_XDIST_WORKER"):
        return

    selected = [item.callspec.params["snippet"] for item in session.items
                if item.path.name == "test_snippets.py" and "snippet" in getattr(getattr(item, "callspec", None), "params", {})]
    snippetrun.start([s for s in selected if not snippetrun.needs_cuda(s) or cuda_available()])


def pytest_sessionfinish(session, exitstatus):
    import snippetrun

    snippetrun.stop()


def pytest_collection_modifyitems(config, items):
    """Under `./dev test CHAPTER` (TORCHSTEPS_CHAPTER=<page>), keep only that page's blocks and the snippets it includes."""
    page = os.environ.get("TORCHSTEPS_CHAPTER")
    if not page:
        return
    included = set(re.findall(r'--8<--\s+"([^"/]+)/', (ROOT / "docs" / page).read_text(encoding="utf-8")))
    keep, drop = [], []
    for item in items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        if item.path.name == "test_pages.py":
            ok = params.get("page") == page
        elif item.path.name == "test_snippets.py" and "snippet" in params:
            ok = params["snippet"].split("/")[1] in included
        else:
            ok = True
        (keep if ok else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


_PAGE_PATH = re.compile(r'"((?:foundations|learning|real-data|structure|beyond-cpu)/[\w-]+\.md)"')


@functools.cache
def _page_of(test_file: str) -> str:
    """The first chapter page a test file names (it reads that page's run), or the file itself."""
    file = ROOT / test_file
    found = _PAGE_PATH.search(file.read_text(encoding="utf-8")) if file.is_file() else None
    return found[1] if found else test_file


def work_group(nodeid: str) -> str:
    """Which tests share a pytest-xdist worker: a page's blocks with the chapter tests that read them, the snippet
    files that read each other's results with each other (so each trains once); every other test file on its own."""
    path, _, rest = nodeid.partition("::")
    param = rest[rest.find("[") + 1 : rest.rfind("]")] if "[" in rest else ""
    if path.endswith("test_pages.py") and param:
        return param.split("::")[0]
    if path.endswith("test_takeaway.py") and param:
        return "takeaway:" + param  # each chapter's notebook runs in a kernel of its own: any worker may take it
    if path.endswith("test_snippets.py") and param.startswith("snippets/"):
        import snippetrun

        return "snippet:" + snippetrun.family(param)
    return _page_of(path)


def pytest_xdist_make_scheduler(config, log):
    """Under `-n`, schedule by work_group instead of one test at a time, so that shared work runs once."""
    from xdist.scheduler import LoadScopeScheduling

    class ByWorkGroup(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return work_group(nodeid)

    return ByWorkGroup(config, log)

