"""Run every python block of every page, in page order, the way the build runs them.

Each page's text is expanded with the same ``pymdownx.snippets`` settings as
``mkdocs.yml``, then handed to pytest-codeblocks' ``extract_from_buffer``. Every
block becomes one test. Blocks share one namespace per page session, fresh for
each page, and are run with ``__name__`` not ``"__main__"``, as markdown-exec does.
"""
from __future__ import annotations

import functools
import io
import re
from pathlib import Path

import pytest
import yaml
from pytest_codeblocks import extract_from_buffer

import fences

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md"))


@functools.cache
def snippet_settings() -> dict:
    """The pymdownx.snippets options from mkdocs.yml, so tests expand includes exactly as the build does."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=Loader)
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


def _cases():
    for page in PAGES:
        found, collected = page_blocks(page)
        yield pytest.param(page, -1, id=f"{page}::count")
        for i in range(min(len(found), len(collected))):
            marks = [pytest.mark.cuda] if fences.needs_cuda(found[i]["options"]) else []
            yield pytest.param(page, i, id=f"{page}::block{i + 1:02d}-line{found[i]['lineno']}", marks=marks)


_namespaces: dict[tuple[str, str], dict] = {}
_failed: set[tuple[str, str]] = set()


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
    options = found[index]["options"]
    key = (page, options.get("session", ""))
    if fences.needs_cuda(options):
        import torch

        if not torch.cuda.is_available():
            pytest.skip('requires="cuda": needs a CUDA GPU; torch.cuda.is_available() is False here')
    if key in _failed:
        pytest.fail(f"an earlier block in {page} (session {key[1] or 'page'}) failed, so this one cannot run")
    namespace = _namespaces.get(key)
    if namespace is None:
        import torch

        torch.manual_seed(0)  # as the build hook does before a page's first block
        namespace = _namespaces[key] = {"__name__": "torchsteps_page"}
    code = collected[index].code
    try:
        exec(compile(code, f"{page} block {index + 1} (line {found[index]['lineno']})", "exec"), namespace)
    except BaseException:
        _failed.add(key)
        raise
