"""Run a page's python blocks once per test session, in page order, the way the build runs them.

``test_pages`` asserts that every block runs; chapter tests assert on what the
blocks computed with :func:`page_globals`. Both share one run, so a chapter's
training happens once under pytest, not once per test file.

Each page's text is expanded with the same ``pymdownx.snippets`` settings as
``mkdocs.yml``, then handed to pytest-codeblocks' ``extract_from_buffer``.
Blocks share one namespace per page session, fresh for each page, and run with
``__name__`` not ``"__main__"``, as markdown-exec runs them.
"""
from __future__ import annotations

import functools
import io
import re
from pathlib import Path

import yaml
from pytest_codeblocks import extract_from_buffer

import fences

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


@functools.cache
def snippet_settings() -> dict:
    """The pymdownx.snippets options from mkdocs.yml, so tests expand includes exactly as the build does."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    for ext in config["markdown_extensions"]:
        if isinstance(ext, dict) and "pymdownx.snippets" in ext:
            settings = dict(ext["pymdownx.snippets"])
            settings["base_path"] = [str(ROOT / p) for p in settings["base_path"]]
            return settings
    raise AssertionError("mkdocs.yml has no pymdownx.snippets settings")


def expand(page: str) -> str:
    """The page's Markdown with every --8<-- include replaced by the included lines."""
    import markdown
    from pymdownx.snippets import SnippetPreprocessor

    md = markdown.Markdown(extensions=["pymdownx.snippets"], extension_configs={"pymdownx.snippets": snippet_settings()})
    processor = next(p for p in md.preprocessors if isinstance(p, SnippetPreprocessor))
    lines = (DOCS / page).read_text(encoding="utf-8").split("\n")
    return "\n".join(processor.run(lines))


_OPENING = re.compile(r"^([ \t]*)(`{3,}|~{3,})[ \t]*(python|py|python3)\b[^\n]*$", re.M)


@functools.cache
def page_blocks(page: str) -> tuple[list[dict], list]:
    """(the python fences with their options, the blocks pytest-codeblocks collects)."""
    text = expand(page)
    found = fences.python_fences(text)
    plain = _OPENING.sub(lambda m: f"{m[1]}{m[2]}python", text)  # pytest-codeblocks reads only a bare `python` info string
    collected = [b for b in extract_from_buffer(io.StringIO(plain)) if b.syntax == "python"]
    return found, collected


class SkippedBlock(Exception):
    """A GPU-marked block on a machine without CUDA: never run, so nothing after it in its session may rely on it."""


class _PageRun:
    def __init__(self, page: str):
        self.page = page
        self.found, self.collected = page_blocks(page)
        self.namespaces: dict[str, dict] = {}
        self.outcomes: list[BaseException | None] = []  # one per block run so far, in page order
        self.failed: dict[str, int] = {}  # session -> the first block that failed in it

    def run_through(self, index: int) -> None:
        while len(self.outcomes) <= index:
            self.outcomes.append(self._run_one(len(self.outcomes)))

    def _run_one(self, i: int) -> BaseException | None:
        import torch

        options = self.found[i]["options"]
        session = options.get("session", "")
        if fences.needs_cuda(options) and not torch.cuda.is_available():
            return SkippedBlock('requires="cuda": needs a CUDA GPU; torch.cuda.is_available() is False here')
        if session in self.failed:
            return AssertionError(f"block {self.failed[session] + 1} of {self.page} (session {session or 'page'}) failed, so block {i + 1} cannot run")
        namespace = self.namespaces.get(session)
        if namespace is None:
            torch.manual_seed(0)  # as the build hook does before a page's first block
            namespace = self.namespaces[session] = {"__name__": "torchsteps_page"}
        code = self.collected[i].code
        try:
            exec(compile(code, f"{self.page} block {i + 1} (line {self.found[i]['lineno']})", "exec"), namespace)
        except Exception as error:  # noqa: BLE001 - recorded, and raised again by the test of this block
            self.failed[session] = i
            return error
        return None


_runs: dict[str, _PageRun] = {}


def page_run(page: str) -> _PageRun:
    if page not in _runs:
        _runs[page] = _PageRun(page)
    return _runs[page]


def run_block(page: str, index: int) -> None:
    """Run the page's blocks up to ``index`` (once each per session) and raise what block ``index`` raised."""
    run = page_run(page)
    run.run_through(index)
    outcome = run.outcomes[index]
    if outcome is not None:
        raise outcome


def page_globals(page: str, session: str = "") -> dict:
    """What the page's blocks left in one session's namespace after all of them ran: the numbers the page prints.

    Fails with the page and block named if any block of that session raised.
    Callers must not change what they get back: other tests read the same objects.
    """
    run = page_run(page)
    run.run_through(len(run.collected) - 1)
    if session in run.failed:
        i = run.failed[session]
        raise AssertionError(f"{page}: block {i + 1} (line {run.found[i]['lineno']}) raised {run.outcomes[i]!r}")
    return run.namespaces[session]
