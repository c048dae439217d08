"""The built site, read as files: what `./dev test` built before the tests run (or $TORCHSTEPS_SITE)."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from pagerun import DOCS, page_blocks

ROOT = Path(__file__).resolve().parent.parent
SITE = Path(os.environ.get("TORCHSTEPS_SITE", ROOT / "site"))


def _built(page: str) -> str:
    path = SITE / page / "index.html"
    if not path.is_file():
        pytest.fail(f"no built page at {path}: run ./dev build (./dev test builds it first)")
    return path.read_text(encoding="utf-8")


def test_build_report_page_has_a_row_per_chapter_and_the_slowest_blocks():
    html = _built("about/build-report")
    assert 'id="ts-build-report"' not in html, "the placeholder was never filled"
    tables = re.findall(r"<table>.*?</table>", html, flags=re.S)
    assert len(tables) == 2, "the per-page table and the slowest-blocks table"
    per_page = re.findall(r"<tr><td>([^<]+\.md)</td>", tables[0])
    with_code = sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md") if page_blocks(p.relative_to(DOCS).as_posix())[0])
    assert sorted(per_page) == with_code  # one row for every page that runs code, chapters and about pages alike
    assert len(re.findall(r"<tr><td>", tables[1])) == 10
