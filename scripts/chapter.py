"""What `./dev test CHAPTER` runs: the chapter's page, then the test files that cover it.

CHAPTER is a page's name (``softmax``), its path under docs/ (``real-data/softmax.md``) or a
snippet folder it includes. Prints the page path on the first line and the tests after it (files, and the chapter's part of
whole-book files: its notebook and its page in the browser);
``TORCHSTEPS_CHAPTER`` (set by conftest from the page) keeps only that page's blocks and snippets.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
INCLUDE = re.compile(r'--8<--\s+"([^"/]+)/[^"]+"')


def find_page(name: str) -> Path:
    pages = sorted(DOCS.rglob("*.md"))
    for page in pages:
        rel = page.relative_to(DOCS).as_posix()
        if name in (rel, rel.removesuffix(".md"), page.stem):
            return page
    for page in pages:
        if name in snippet_dirs(page) and not page.relative_to(DOCS).as_posix().startswith("about/"):
            return page
    names = ", ".join(p.stem for p in pages if snippet_dirs(p) and not p.relative_to(DOCS).as_posix().startswith("about/"))
    sys.exit(f"./dev test: no chapter called '{name}'. Chapters: {names}")


def snippet_dirs(page: Path) -> list[str]:
    return sorted(set(INCLUDE.findall(page.read_text(encoding="utf-8"))))


# Files about the whole book (the build, the site, publishing, the canary, the runners). A chapter's run takes only
# the chapter's part of some of them: its notebook (test_takeaway reads TORCHSTEPS_CHAPTER) and its page in the browser.
BOOK_WIDE = {"test_browser.py", "test_build.py", "test_canary.py", "test_dev.py", "test_labs.py", "test_mathml.py",
             "test_package.py", "test_publish.py", "test_reproducible.py", "test_site.py", "test_snippetrun.py", "test_takeaway.py"}
CHAPTER_PARTS = [
    "tests/test_takeaway.py::test_chapter_notebook_runs_from_an_empty_folder_with_only_the_wheel",
    "tests/test_browser.py::test_page_loads_offline_without_errors",
    "tests/test_browser.py::test_only_real_output_is_styled_as_output",
    "tests/test_browser.py::test_phone_layout_does_not_overflow_and_screenshots",
]


def test_files(page: Path) -> list[str]:
    """Chapter tests: files that name the page or one of its snippet folders, other than the whole book's."""
    rel = page.relative_to(DOCS).as_posix()
    marks = [rel] + [f'"{d}/' for d in snippet_dirs(page)] + [f'"snippets" / "{d}"' for d in snippet_dirs(page)]
    found = []
    for test in sorted((ROOT / "tests").glob("test_*.py")):
        if test.name in ("test_pages.py", "test_snippets.py") or test.name in BOOK_WIDE:
            continue
        text = test.read_text(encoding="utf-8")
        if any(mark in text for mark in marks) or test.stem == f"test_{page.stem.replace('-', '_')}":
            found.append(test.relative_to(ROOT).as_posix())
    return found


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit("usage: scripts/chapter.py CHAPTER")
    page = find_page(sys.argv[1])
    print(page.relative_to(DOCS).as_posix())
    for name in ["tests/test_pages.py", "tests/test_snippets.py", *test_files(page), *CHAPTER_PARTS]:
        print(name)


if __name__ == "__main__":
    main()
