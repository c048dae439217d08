"""MkDocs hook for the labs: jupytext notebooks under docs/labs/ that mkdocs-jupyter executes at build.

* mkdocs-jupyter's cache is keyed on the notebook's bytes only; this hook gives it a folder per
  hash of the package, the hooks and the torch version, so an edit in ``src/torchsteps`` re-executes
  every lab (``TORCHSTEPS_EXEC_CACHE=0`` turns the cache off, as for the page blocks);
* ``TORCHSTEPS_ONLY`` runs only the labs it names, as it does for chapter pages;
* a cell that raises stops the build with one line naming the lab, the line and the cell;
* the page's TeX becomes MathML, as on chapter pages; cells tagged ``solution`` are collapsed;
* each lab's page links its ``.ipynb``, written next to the page by jupytext.
"""
from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
import sys
import time
from pathlib import Path

from mkdocs.plugins import event_priority

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

import lab_html  # noqa: E402

log = logging.getLogger("mkdocs.hooks.labs")
LABS = "labs/"
PLUGIN = "mkdocs-jupyter"
_state: dict = {"key": "", "base": None}


def is_lab(file) -> bool:
    return file.src_uri.startswith(LABS) and file.src_uri.endswith(".py")


def cache_key(root: Path) -> str:
    """What the labs' output depends on besides their own bytes: the package, the hooks and torch."""
    import torch

    digest = hashlib.sha256(f"{torch.__version__} cuda={torch.cuda.is_available()}".encode())
    for folder in (root / "src" / "torchsteps", HERE):
        for path in sorted(folder.rglob("*.py")):
            digest.update(path.relative_to(folder).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def on_config(config, **kwargs):
    plugin = config.plugins.get(PLUGIN)
    if plugin is None:
        return config
    root = Path(config.config_file_path).parent
    base = Path(plugin.config["cache_dir"])
    _state["base"] = base if base.is_absolute() else root / base
    _state["key"] = cache_key(root)
    _state["wheel_url"] = wheel_url(root, config.site_url or "/")
    plugin.config["cache"] = os.environ.get("TORCHSTEPS_EXEC_CACHE", "1") != "0"
    os.environ["IPYTHONDIR"] = str(offline_profile(root))  # the kernels start from this environment
    plugin.config["cache_dir"] = str(_state["base"] / _state["key"])
    return config


def offline_profile(root: Path) -> Path:
    """An IPython folder whose start-up file gives every lab kernel the build's socket guard (hooks/offline.py)."""
    folder = root / ".cache" / "ipython"
    startup = folder / "profile_default" / "startup" / "00-offline.py"
    text = "\n".join([
        '"""Written by hooks/labs.py: a lab kernel reaches no other machine, as the build and the tests do not."""',
        "import sys as _sys",
        f"_sys.path.append({str(HERE)!r})",
        "import offline as _offline",
        f"_sys.path.remove({str(HERE)!r})",
        '_offline.block_network("a lab")',
        "del _sys, _offline",
        "",
    ])
    if not startup.is_file() or startup.read_text(encoding="utf-8") != text:
        startup.parent.mkdir(parents=True, exist_ok=True)
        startup.write_text(text, encoding="utf-8")
    return folder


def on_files(files, config, **kwargs):
    """Under TORCHSTEPS_ONLY, labs it does not name render without running, like chapter pages."""
    plugin = config.plugins.get(PLUGIN)
    only = [p for p in os.environ.get("TORCHSTEPS_ONLY", "").split(",") if p]
    if plugin is not None and only:
        skipped = [f.abs_src_path for f in files if is_lab(f) and not any(f.src_uri.startswith(p) for p in only)]
        plugin.config["execute_ignore"] = list(plugin.config["execute_ignore"]) + skipped
    return files


@event_priority(-50)  # after mkdocs-jupyter has put its own render method on the page
def on_pre_page(page, config, files, **kwargs):
    if not is_lab(page.file):
        return page
    render = page.render

    def render_or_explain(config, files):
        start = time.perf_counter()
        try:
            render(config, files)
        except Exception as error:  # a cell that raised, or a kernel that died
            from mkdocs.exceptions import PluginError

            raise PluginError(explain(Path(page.file.abs_src_path), f"docs/{page.file.src_uri}", error)) from None
        log.info(f"docs/{page.file.src_uri}: rendered in {time.perf_counter() - start:.1f} s (a cache hit takes none)")

    page.render = render_or_explain
    return page


def explain(path: Path, name: str, error: Exception) -> str:
    """One line naming the lab, the line and the cell that raised, and how to fix it."""
    message = str(error)
    ename, evalue = getattr(error, "ename", type(error).__name__), getattr(error, "evalue", "")
    found = re.search(r"------------------\n(.*?)\n------------------", message, re.S)
    text = path.read_text(encoding="utf-8")
    where = ""
    if found and found[1].strip() and found[1] in text:
        start = text.index(found[1])
        cell = len(re.findall(r"^# %%", text[:start], re.M))
        first = text[:start].count("\n") + 1
        arrows = re.findall(r"^-*> *(\d+)", re.sub(r"\x1b\[[0-9;]*m", "", message), re.M)
        line = first + int(arrows[-1]) - 1 if arrows else first
        where = f", line {line} (cell {cell}, which starts at line {first})"
    elif not hasattr(error, "ename"):
        evalue = message.strip().splitlines()[-1] if message.strip() else ""
    return (f"{name}{where}: {ename}: {evalue}. Labs run with allow_errors: false, so the build stops instead of "
            f"showing a traceback; fix that cell (run the lab in Jupyter to see the whole traceback).")


def on_page_content(html, page, **kwargs):
    if not is_lab(page.file):
        return html
    stem = Path(page.file.src_uri).stem
    return lab_html.render(html, stem)


def wheel_url(root: Path, site_url: str) -> str:
    """Where the site serves the package's wheel (hooks/takeaway.py puts it in downloads/)."""
    import wheel

    return f"{site_url.rstrip('/')}/downloads/{wheel.wheel_name(root)}"


def install_cell(url: str):
    """A first code cell that installs the course's package from the site when this Python lacks it."""
    import nbformat
    from notebooks import install_code

    return nbformat.v4.new_code_cell(install_code(url))


def on_post_page(output, page, **kwargs):
    """Write the lab as a notebook next to its page, for the download link; it installs the package if it must."""
    if is_lab(page.file):
        import jupytext

        notebook = jupytext.read(page.file.abs_src_path)
        notebook.cells.insert(1, install_cell(_state["wheel_url"]))  # after the title and introduction
        for number, cell in enumerate(notebook.cells, start=1):
            cell.id = f"cell-{number}"  # the same file on every build: jupytext draws ids at random
            if "solution" in cell.metadata.get("tags", []):
                cell.metadata["jupyter"] = {"source_hidden": True}  # collapsed in JupyterLab too
        target = Path(page.file.abs_dest_path).parent / f"{Path(page.file.src_uri).stem}.ipynb"
        target.parent.mkdir(parents=True, exist_ok=True)
        jupytext.write(notebook, target, fmt="ipynb")
    return output


def on_post_build(config, **kwargs):
    """Keep only the cache folder of the package as it is now."""
    base = _state["base"]
    if base is None or not base.is_dir():
        return
    for entry in base.iterdir():
        if entry.is_dir() and re.fullmatch(r"[0-9a-f]{16}", entry.name) and entry.name != _state["key"]:
            shutil.rmtree(entry, ignore_errors=True)
        elif entry.is_file() and entry.suffix == ".json":  # written before the cache had a folder per key
            entry.unlink()
