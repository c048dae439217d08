"""Run every python block of every page, in page order, the way the build runs them.

Each block becomes one test. The run itself lives in ``pagerun``, which chapter
tests share through ``page_globals``: a page's code runs once under pytest.
"""
from __future__ import annotations

import pytest

import fences
from pagerun import DOCS, SkippedBlock, page_blocks, run_block

PAGES = sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md"))


def _cases():
    for page in PAGES:
        found, collected = page_blocks(page)
        yield pytest.param(page, -1, id=f"{page}::count")
        for i in range(min(len(found), len(collected))):
            marks = [pytest.mark.cuda] if fences.needs_cuda(found[i]["options"]) else []
            yield pytest.param(page, i, id=f"{page}::block{i + 1:02d}-line{found[i]['lineno']}", marks=marks)


@pytest.mark.parametrize(("page", "index"), list(_cases()))
def test_block(page: str, index: int) -> None:
    found, collected = page_blocks(page)
    if index == -1:
        assert len(collected) == len(found), (
            f"{page}: {len(found)} python fences but pytest-codeblocks collected {len(collected)}; "
            "a block that nothing runs has slipped in (check its info string)"
        )
        unrun = [b["lineno"] for b in found if not b["exec"]]
        assert not unrun, f'{page}: python blocks without exec="on" at expanded lines {unrun}; the build would show code that never ran'
        return
    try:
        run_block(page, index)
    except SkippedBlock as reason:
        pytest.skip(str(reason))
