"""MkDocs hook around markdown-exec: per-page sessions, the GPU marker, warnings as errors,
an execution cache, a build report, and no network.

markdown-exec stays the executor. This hook wraps the validator and formatter
that markdown-exec registers for ``python`` fences:

* every block of a page shares that page's namespace, fresh on each build;
* a block marked ``requires="cuda"`` runs only where CUDA is available, and
  otherwise shows its source with a note instead of output;
* any warning a block raises is an error, so a deprecated API fails the build;
* results are cached by code, earlier code in the session, the package's
  source and the torch version (``TORCHSTEPS_EXEC_CACHE=0`` turns it off);
* each block's run time goes into the build report.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import sys
import time
import warnings
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

import errors_on_page  # noqa: E402
import fences  # noqa: E402
import kernels  # noqa: E402
import mathml  # noqa: E402
import offline  # noqa: E402
import report  # noqa: E402

log = logging.getLogger("mkdocs.hooks.torchsteps")

_state: dict = {"page": None, "sessions": {}, "cache_dir": None, "src_hash": "", "records": []}


def _tree_hash(*folders: Path) -> str:
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(folder.rglob("*.py")):
            digest.update(str(path.relative_to(folder)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def on_startup(command, **kwargs):
    # `mkdocs serve` shows a failing block's error on its page instead of stopping the build; build stays strict.
    _state["serve"] = command == "serve"


def on_config(config, **kwargs):
    import torch
    from markdown_exec import formatter, validator

    offline.block_network("mkdocs build")
    # Notebook kernels start from this environment, so warnings fail them too (kernels.py: the kernel's own noise is not ours).
    os.environ["PYTHONWARNINGS"] = kernels.KERNEL_WARNINGS
    # One CPU thread: the printed numbers then do not depend on how many cores the building machine has,
    # and the small models of the course run faster without threads waiting on each other.
    os.environ["OMP_NUM_THREADS"] = "1"
    torch.set_num_threads(1)
    # torch.compile then compiles in this process: no pool of compile workers outlives the page that started it.
    os.environ["TORCHINDUCTOR_COMPILE_THREADS"] = "1"
    import torch._inductor.config

    torch._inductor.config.compile_threads = 1
    root = Path(config.config_file_path).parent
    sys.path.insert(0, str(root / "src"))
    from torchsteps.device import build_info

    config.extra["build_info"] = build_info()
    # The first optimizer in a process imports torch._dynamo (seconds); pay it here, not on whichever page comes first.
    torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
    use_cache = os.environ.get("TORCHSTEPS_EXEC_CACHE", "1") != "0"
    _state["cache_dir"] = root / ".cache" / "exec" if use_cache else None
    _state["src_hash"] = _tree_hash(root / "src" / "torchsteps", HERE)  # the hooks shape the cached HTML too
    _state["torch"] = f"{torch.__version__} cuda={torch.cuda.is_available()}"
    _state["records"] = []
    _state["report_pages"] = []
    for fence in config.mdx_configs["pymdownx.superfences"]["custom_fences"]:
        if fence["name"] in fences.PYTHON_LANGS and fence["validator"] is validator:
            fence["validator"] = _validator(validator)
            fence["format"] = _formatter(formatter)
    return config


def on_page_markdown(markdown, page, **kwargs):
    for block in fences.python_fences(markdown):
        if not block["exec"]:
            raise _plain_block_error(page.file.src_uri, block["lineno"])
    _state["page"] = page.file.src_uri
    _state["sessions"] = {}
    only = [p for p in os.environ.get("TORCHSTEPS_ONLY", "").split(",") if p]
    _state["run_page"] = not only or any(page.file.src_uri.startswith(p) for p in only)
    return markdown


def _plain_block_error(page: str, lineno: int) -> Exception:
    from mkdocs.exceptions import PluginError

    return PluginError(f'{page}:{lineno}: a python block without exec="on" would show code that never ran; add exec="on"')


def on_page_content(html, page, **kwargs):
    _drop_sessions()
    if report.PLACEHOLDER in html:  # the report page, wherever the nav puts it; filled once every page has run
        _state["report_pages"].append(Path(page.file.abs_dest_path))
    return mathml.render(html)


def on_post_build(config, **kwargs):
    report.write(_state["records"], Path(config.site_dir), _state["report_pages"], cached=_state["cache_dir"] is not None)
    report.external_links(Path(config.site_dir), config.site_url or "")


def _drop_sessions():
    """Free the page's namespaces so that a long `mkdocs serve` does not keep every tensor alive."""
    try:
        from markdown_exec._internal.formatters.python import _sessions_globals
    except ImportError:  # pragma: no cover - a markdown-exec that moved its internals
        return
    for session in list(_sessions_globals):
        if session.startswith("torchsteps:"):
            del _sessions_globals[session]


def _validator(validate):
    def wrapped(language, inputs, options, attrs, md):
        requires = inputs.pop(fences.REQUIRES, "")
        timing = fences.is_true(inputs.pop(fences.TIMING, "no"))
        as_markdown = inputs.pop("output", "") == "markdown"
        if fences.is_true(inputs.get("exec", "no")):
            inputs.setdefault("source", "above")
            if not fences.is_true(inputs.get("html", "no")) and not as_markdown:
                inputs.setdefault("result", "text")
        ok = validate(language, inputs, options, attrs, md)
        if ok:
            options[fences.REQUIRES] = requires
            options[fences.TIMING] = timing
        return ok

    return wrapped


_EMPTY_OUTPUT = re.compile(r'<div class="highlight"><pre><span></span><code>\s*</code></pre></div>')


def _formatter(format_):
    from markupsafe import Markup

    def wrapped(src, language, class_name, options, md, **kwargs):
        import torch

        requires = options.pop(fences.REQUIRES, "")
        timing = options.pop(fences.TIMING, False)
        name = options.get("session") or "page"
        session = _state["sessions"].setdefault(name, {"key": f"torchsteps:{_state['page']}:{name}", "codes": [], "pending": []})
        options["session"] = session["key"]
        session["count"] = session.get("count", 0) + 1
        options["id_prefix"] = options.get("id_prefix") or f"{name}-{session['count']}-"  # unique element ids on a page
        if fences.needs_cuda({fences.REQUIRES: requires}) and not torch.cuda.is_available():
            return _gpu_skipped(src, md)
        if not _state.get("run_page", True):  # TORCHSTEPS_ONLY names other pages: show this code, unrun
            from markdown_exec import MarkdownConverter, code_block

            return MarkdownConverter(md).convert(code_block("python", src))
        session["codes"].append(src)
        key = _cache_key(session, options)
        cached = _cache_get(key)
        if cached is not None:
            session["pending"].append((src, dict(options)))
            _record(src, 0.0, cached=True)
            return cached
        for old_src, old_options in session["pending"]:  # rebuild the state the cached blocks would have made
            _run(format_, session, old_src, language, class_name, old_options, md, kwargs)
        session["pending"] = []
        start = time.perf_counter()
        html, ok = _run(format_, session, src, language, class_name, options, md, kwargs)
        html = _with_source(src, str(html), options, md, ok)
        if timing:  # measured times change from run to run; mark them so build diffs can skip them
            html = Markup(f'<div class="ts-timing" data-timing="1">{html}<!-- /ts-timing --></div>')
        _record(src, time.perf_counter() - start, cached=False)
        if ok:
            _cache_put(key, html)
        return html

    return wrapped


def _with_source(src: str, output: str, options: dict, md, ok: bool):
    """The block's source, then what it printed inside one element marked as output.

    markdown-exec is asked for the output alone (see ``_run``), so the hook, not a CSS
    guess about neighbouring boxes, decides which part of the page is output.
    """
    from markdown_exec import MarkdownConverter, code_block
    from markupsafe import Markup

    source = str(MarkdownConverter(md).convert(code_block("python", src))) if options.get("source") == "above" else ""
    output = _EMPTY_OUTPUT.sub("", output).strip()
    if output and ok and (source or not options.get("source")):  # a block that printed nothing shows no empty box
        output = f'<div class="ts-output" data-ts-output="1">{output}</div>'
    return Markup(f'<div class="ts-block" data-ts-block="1">{source}{output}</div>' if source else output)


def _output_only(options: dict) -> dict:
    return {**options, "source": ""} if options.get("source") == "above" else dict(options)


def _run(format_, session, src, language, class_name, options, md, kwargs):
    """Run one block with warnings as errors; say whether it ran cleanly. Returns only the output's HTML."""
    import torch

    errors = _ErrorCounter()
    logging.getLogger("mkdocs").addHandler(errors)
    shown = errors_on_page.Catcher() if _state.get("serve") else None
    if shown:
        logging.getLogger(errors_on_page.EXEC_LOGGER).addFilter(shown)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            kernels.ignore_tool_warnings()
            if not session.get("seeded"):
                torch.manual_seed(0)  # each page starts from the same random state, whatever was built before
                session["seeded"] = True
            html = format_(src, language, class_name, _output_only(options), md, **kwargs)
    finally:
        logging.getLogger("mkdocs").removeHandler(errors)
        if shown:
            logging.getLogger(errors_on_page.EXEC_LOGGER).removeFilter(shown)
    if shown and shown.messages:
        log.info(f"{_state['page']}: a block raised; the page shows the error (./dev build and the tests stop on it)")
        return errors_on_page.admonition(src, shown.messages[-1], str(html), md, HERE.parent / "snippets"), False
    return html, errors.count == 0

    root = HERE.parent / "snippets"
    for path in sorted(root.rglob("*.py")):
        for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if text.strip() == line.strip():
                return f"snippets/{path.relative_to(root).as_posix()}, line {number}: {line.strip()}"
    return ""


class _ErrorCounter(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record):
        self.count += 1


def _gpu_skipped(src: str, md) -> str:
    from markdown_exec import MarkdownConverter, code_block

    note = (
        '!!! gpu "Needs a CUDA GPU: not run in this build"\n'
        "    This build ran without CUDA, so this block was not executed and shows no output.\n"
        "    On a machine with an NVIDIA GPU it runs when the site builds and under the tests."
    )
    return MarkdownConverter(md).convert(code_block("python", src) + "\n\n" + note)


def _cache_key(session: dict, options: dict) -> str:
    parts = [_state["torch"], _state["src_hash"], session["key"], session["codes"], sorted((k, str(v)) for k, v in options.items())]
    return hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()


def _cache_get(key: str):
    if _state["cache_dir"] is None:
        return None
    path = _state["cache_dir"] / f"{key}.html"
    if not path.is_file():
        return None
    from markupsafe import Markup

    return Markup(path.read_text(encoding="utf-8"))


def _cache_put(key: str, html: str) -> None:
    if _state["cache_dir"] is None:
        return
    _state["cache_dir"].mkdir(parents=True, exist_ok=True)
    tmp = _state["cache_dir"] / f"{key}.tmp"
    tmp.write_text(str(html), encoding="utf-8")
    os.replace(tmp, _state["cache_dir"] / f"{key}.html")


def _record(src: str, seconds: float, cached: bool) -> None:
    first = next((line for line in src.splitlines() if line.strip()), "")
    _state["records"].append({"page": _state["page"], "seconds": seconds, "cached": cached, "first_line": first[:80]})
