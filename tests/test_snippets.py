"""Every snippet file runs on its own, as ``python snippets/...`` would run it: as __main__, in a fresh interpreter.

The scripts start in the background when collection ends (see ``snippetrun``); these tests read their results.
"""
from __future__ import annotations

import pytest

from snippetrun import ROOT, SNIPPETS, needs_cuda, result


def _params():
    for snippet in SNIPPETS:
        marks = [pytest.mark.cuda] if needs_cuda(snippet) else []
        yield pytest.param(snippet, id=snippet, marks=marks)


def _cuda() -> bool:
    import torch

    return torch.cuda.is_available()


@pytest.mark.parametrize("snippet", list(_params()))
def test_snippet_runs_as_script(snippet: str) -> None:
    if needs_cuda(snippet) and not _cuda():
        pytest.skip("# requires: cuda; torch.cuda.is_available() is False here")
    run = result(snippet)
    assert run.returncode == 0, f"{snippet} failed:\n{run.stdout[-2000:]}\n{run.stderr[-4000:]}"
    assert run.stdout.strip(), f"{snippet} printed nothing: a step should show its result"


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
