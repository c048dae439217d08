"""Build small copies of the course's site in a temporary folder, for tests of the build itself."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent


class _PlainLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, taking a tagged value such as ``!ENV [NAME, default]`` as its default."""


_PlainLoader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])


def make_site(tmp_path: Path, pages: dict[str, str], snippets: dict[str, str] | None = None, jupyter: bool = False) -> Path:
    """A copy of the course's build setup with only the given pages (name -> Markdown) and snippet files.

    mkdocs-jupyter is left out unless ``jupyter=True``; then pages named ``labs/<name>.py`` are labs,
    executed as the course's labs are, importing this copy's ``src/torchsteps`` (see ``build``).
    """
    site = tmp_path / "book"
    for folder in ("hooks", "overrides", "src"):
        shutil.copytree(ROOT / folder, site / folder, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for name in ("pyproject.toml", "requirements.txt"):  # the build reads the package's metadata and pins from them
        shutil.copy(ROOT / name, site / name)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_PlainLoader)
    if not jupyter:
        config["plugins"] = [p for p in config["plugins"] if not (isinstance(p, dict) and "mkdocs-jupyter" in p)]
    config["nav"] = [{name.removesuffix(".md"): name} for name in pages]
    (site / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    (site / "docs").mkdir()
    for name, text in pages.items():
        (site / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (site / "docs" / name).write_text(text)
    (site / "snippets").mkdir()
    for name, text in (snippets or {}).items():
        (site / "snippets" / name).parent.mkdir(parents=True, exist_ok=True)
        (site / "snippets" / name).write_text(text)
    return site


def build(site: Path, cache: bool = False) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", TORCHSTEPS_EXEC_CACHE="1" if cache else "0")
    env["PYTHONPATH"] = os.pathsep.join([str(site / "src"), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)  # a lab's kernel imports this copy
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(site / "mkdocs.yml")],
        cwd=site, env=env, capture_output=True, text=True, timeout=300,
    )


def fence(code: str, options: str = "") -> str:
    return f'```python exec="on" {options}\n{code}\n```\n'


def html_of(site: Path, page: str) -> str:
    folder = site / "site" if page == "index.md" else site / "site" / page.removesuffix(".md")
    return (folder / "index.html").read_text()




def without_timings(page_html: str) -> str:
    """A page with its marked timing outputs removed: what two builds must agree on byte for byte."""
    import re

    return re.sub(r'<div class="ts-timing" data-timing="1">.*?<!-- /ts-timing --></div>', "", page_html, flags=re.S)
