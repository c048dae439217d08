"""MkDocs hook: take the course away. The site serves the package as a wheel and every chapter as a notebook and a script.

* ``downloads/torchsteps-<version>-py3-none-any.whl``: the package with its datasets and snippet
  scripts (hooks/wheel.py), and ``downloads/latest.html``, the stable page that always names the
  current wheel (``pip install --find-links <site>/downloads/latest.html torchsteps`` reads it too);
* ``downloads/<page>.ipynb`` and ``downloads/<page>.py`` for every page that executes code
  (hooks/notebooks.py), linked at the top of that page; nothing is executed to make them;
* a "Run this yourself" box on the home page and on every chapter.
"""
from __future__ import annotations

import html
import re
import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

import fences  # noqa: E402
import notebooks  # noqa: E402
import wheel  # noqa: E402

DOWNLOADS = "downloads"
LATEST = "latest.html"  # not index.html: it is a plain list, not one of the site's themed pages
_state: dict = {"downloads": {}}


def on_config(config, **kwargs):
    root = Path(config.config_file_path).parent
    site_url = config.site_url or "/"
    wheel_file = wheel.wheel_name(root)
    _state.update({
        "root": root,
        "site_url": site_url,
        "wheel_file": wheel_file,
        "wheel_url": f"{site_url.rstrip('/')}/{DOWNLOADS}/{wheel_file}",
        "expand": notebooks.snippet_expander(dict(config.mdx_configs["pymdownx.snippets"])),
        "verified": verified_on(root, config.extra),
        "clone_url": _repository(config),
        "downloads": {},
    })
    return config


def verified_on(root: Path, extra: dict) -> str:
    """One sentence: the pinned torch of requirements.txt on the CPU, and mkdocs.yml's ``extra.verified_gpu``."""
    pinned = re.search(r"^torch==([\w.+]+)", (root / "requirements.txt").read_text(encoding="utf-8"), flags=re.M)
    if not pinned:
        raise ValueError("requirements.txt: no torch==<version> pin, which the 'Run this yourself' box quotes")
    sentence = f"Verified with torch {pinned[1]} (the pinned version) on the CPU"
    gpu = extra.get("verified_gpu")
    return f"{sentence}; the GPU-marked code also ran on {gpu}." if gpu else f"{sentence}."


def _repository(config) -> str:
    if config.repo_url:
        return config.repo_url
    links = [s.get("link", "") for s in config.extra.get("social", [])]
    return next((link for link in links if "github.com" in link), "")


def on_page_markdown(markdown, page, **kwargs):
    src = page.file.src_uri
    if not src.endswith(".md"):
        return markdown
    is_chapter = any(block["exec"] for block in fences.python_fences(markdown))
    if not is_chapter and src != "index.md":
        return markdown
    stem = src.removesuffix(".md")
    if is_chapter:
        notebook = notebooks.chapter_notebook(markdown, page=src, site_url=_state["site_url"],
                                              wheel_url=_state["wheel_url"], expand=_state["expand"])
        import nbformat

        _state["downloads"][f"{stem}.ipynb"] = (nbformat.writes(notebook) + "\n").encode()
        _state["downloads"][f"{stem}.py"] = notebooks.to_script(notebook).encode()
    up = "../" * page.url.count("/")  # from the page's folder to the site's root
    box = run_box(f"{up}{DOWNLOADS}/{stem}" if is_chapter else None, f"{up}{DOWNLOADS}/")
    return _after_title(markdown, box)


def run_box(download_stem: str | None, downloads_url: str) -> str:
    """The links to the chapter's notebook and script (if any) and the collapsed "Run this yourself" box, as Markdown."""
    name = Path(download_stem).name if download_stem else ""
    links = ""
    if download_stem:
        links = (f'<p class="ts-downloads" markdown="0">This chapter as a '
                 f'<a href="{download_stem}.ipynb" download>notebook (.ipynb)</a> or a '
                 f'<a href="{download_stem}.py" download>script (.py)</a></p>\n\n')
    install = f'pip install "torchsteps[vision] @ {_state["wheel_url"]}"'
    run = (f"Then open `{name}.ipynb` in Jupyter or run `python {name}.py`; their first cell installs the package if it is missing"
           if download_stem else "Then download any chapter as a notebook or a script from the top of its page")
    body = [
        f"Install the course's package, with its datasets, into Python 3.10 to 3.13 "
        f'(<a href="{downloads_url}{LATEST}">all downloads</a>):',
        "",
        "```console",
        install,
        "```",
        "",
        f"{run}. Or clone the course and serve it, every page executed as you edit:",
        "",
        "```console",
        f"git clone {_state['clone_url']} && cd {Path(_state['clone_url']).name} && ./dev serve",
        "```",
        "",
        html.escape(_state["verified"], quote=False),
    ]
    indented = "\n".join(("    " + line).rstrip() for line in body)
    return f'{links}??? tip "Run this yourself"\n{indented}\n'


def _after_title(markdown: str, block: str) -> str:
    """``block`` right after the page's first ``# `` heading (at the top if it has none)."""
    found = re.search(r"^# .*$", markdown, flags=re.M)
    if not found:
        return f"{block}\n{markdown}"
    return f"{markdown[: found.end()]}\n\n{block}\n{markdown[found.end():]}"


def on_post_build(config, **kwargs):
    out = Path(config.site_dir) / DOWNLOADS
    built = wheel.build(_state["root"], out)
    for name, data in _state["downloads"].items():
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    (out / LATEST).write_text(index_page(built.name, sorted(_state["downloads"])), encoding="utf-8")


def index_page(wheel_file: str, downloads: list[str]) -> str:
    """The stable page that names the current wheel: readable, and a --find-links page for pip."""
    rows = "\n".join(f'<li><a href="{html.escape(name)}">{html.escape(name)}</a></li>' for name in downloads)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>torchsteps downloads</title><link rel="icon" href="data:,">
<style>body {{ font-family: system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5 }}
pre {{ overflow-x: auto; background: #f5f5f5; padding: .6rem }}</style></head>
<body>
<h1>torchsteps downloads</h1>
<p>The course's package, current version: <a href="{wheel_file}">{wheel_file}</a></p>
<pre>pip install "torchsteps[vision] @ {_state['wheel_url']}"</pre>
<p>Each chapter as a notebook and as a script:</p>
<ul>
{rows}
</ul>
</body></html>
"""
