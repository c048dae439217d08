"""A chapter page as a Jupyter notebook and as a plain script, without running anything.

:func:`chapter_notebook` takes a page's Markdown and returns an ``nbformat`` notebook:
the prose becomes markdown cells (math left as written), every executed python block
becomes a code cell in page order with its ``--8<--`` includes expanded, a block marked
``requires="cuda"`` runs only where CUDA is available, a figure block (``html="1"``) shows
its figure, a Markdown block (``output="markdown"``) its table, and a block with a
``session=`` of its own keeps its names apart, as on the page. The first cell installs
the course's wheel when ``torchsteps`` is missing and starts from the state a page starts
from. :func:`to_script` writes the same cells as a ``.py`` file in the percent format that
editors and jupytext read as cells.
"""
from __future__ import annotations

import ast
import posixpath
import re
import textwrap

import fences

ADMONITION = re.compile(r'^(?P<indent>[ \t]*)(?:!!!|\?\?\?\+?)[ \t]+[\w-]+(?:[ \t]+"(?P<title>[^"]*)")?[ \t]*$')
MD_LINK = re.compile(r"\]\((?P<target>[^)\s:#]+\.md)(?P<anchor>#[^)\s]*)?\)")
GPU_NOTE = "# Needs a CUDA GPU: it runs only where torch.cuda.is_available(); elsewhere it says so and does nothing."
FIGURE_NOTE = "# The block prints a figure as HTML; show_html() shows it as a figure in a notebook."
SESSION_NOTE = "# On the page this block runs in a session of its own: session() keeps its names apart from the others."
TABLE_NOTE = "# The block prints Markdown; show_markdown() shows it formatted in a notebook."


def install_code(requirement: str) -> str:
    """Code that pip-installs ``requirement`` (the course's wheel) when this Python cannot import torchsteps."""
    return "\n".join([
        "# Installs the course's package (torchsteps) from the course's site if this Python lacks it.",
        "import importlib.util",
        "import subprocess",
        "import sys",
        "",
        'if importlib.util.find_spec("torchsteps") is None:',
        f'    subprocess.run([sys.executable, "-m", "pip", "install", "{requirement}"], check=True)',
        "    importlib.invalidate_caches()",
    ])


def setup_code(wheel_url: str, page_url: str, vision: bool = False) -> str:
    """The first cell: the package from the course's site when it is missing, then the state each page starts from.

    With ``vision`` (the chapter imports torchvision) the install asks for the package's ``vision`` extra too.
    """
    requirement = f"torchsteps[vision] @ {wheel_url}" if vision else wheel_url
    return "\n".join([
        f"# From {page_url}",
        install_code(requirement),
        "",
        "import torch",
        "",
        "# As on the page: code runs as an imported module (not as \"__main__\"), on one CPU thread, from seed 0,",
        "# so the numbers printed below are the page's.",
        '__name__ = "torchsteps_page"',
        "torch.manual_seed(0)",
        "torch.set_num_threads(1)",
    ])


def chapter_notebook(markdown: str, *, page: str, site_url: str, wheel_url: str, expand=None):
    """The page ``page`` (its path under docs/, e.g. ``learning/linear-model.md``) as an nbformat v4 notebook.

    ``expand`` turns the page's ``--8<--`` includes into their lines (pymdownx.snippets with the
    site's settings, :func:`snippet_expander`); without it the Markdown is taken as already expanded.
    """
    import nbformat.v4 as nbf

    text = expand(markdown) if expand else markdown
    page_url = site_url.rstrip("/") + "/" + _page_path(page)
    cells = []
    sessions = {""}
    for kind, body, options in _split(text, page):
        if kind == "markdown":
            prose = _links_to_site(_plain_prose(body), page, site_url).strip()
            if prose:
                cells.append(nbf.new_markdown_cell(prose))
            continue
        session = options.get("session", "")
        if session not in sessions:  # the build seeds each session of a page before its first block
            sessions.add(session)
            body = f"torch.manual_seed(0)  # a new session of the page, seeded as the build seeds it\n{body}"
        cells.append(nbf.new_code_cell(_cell_code(body, options, page)))
    code = "\n".join(c.source for c in cells if c.cell_type == "code")
    vision = re.search(r"^\s*(import|from)\s+torchvision\b", code, flags=re.M) is not None
    notebook = nbf.new_notebook(cells=[nbf.new_code_cell(setup_code(wheel_url, page_url, vision)), *cells])
    notebook.metadata.update({
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
    })
    for number, cell in enumerate(notebook.cells):
        cell["id"] = f"cell-{number}"  # stable ids: two builds write the same bytes
    return notebook


def to_script(notebook) -> str:
    """The notebook as a Python script: code cells as they are, markdown cells as comments, each cell after ``# %%``."""
    parts = []
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            comment = "\n".join(("# " + line).rstrip() for line in cell.source.splitlines())
            parts.append(f"# %% [markdown]\n{comment}")
        else:
            parts.append(f"# %%\n{cell.source}")
    return "\n\n".join(parts) + "\n"


def snippet_expander(settings: dict):
    """A function from a page's Markdown to the same Markdown with its ``--8<--`` includes expanded."""
    import markdown
    from pymdownx.snippets import SnippetPreprocessor

    md = markdown.Markdown(extensions=["pymdownx.snippets"], extension_configs={"pymdownx.snippets": settings})
    processor = next(p for p in md.preprocessors if isinstance(p, SnippetPreprocessor))
    return lambda text: "\n".join(processor.run(text.split("\n")))


def _page_path(page: str) -> str:
    """docs path -> the page's URL path: ``learning/linear-model.md`` -> ``learning/linear-model/``."""
    stem = page.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def _split(text: str, page: str):
    """(kind, text, options) pieces in page order: prose as "markdown", executed python blocks as "code"."""
    lines, prose, i = text.splitlines(), [], 0
    while i < len(lines):
        match = fences.FENCE_RE.match(lines[i])
        if not match:
            prose.append(lines[i])
            i += 1
            continue
        fence, end = match["fence"], i + 1
        while end < len(lines) and not (lines[end].strip().startswith(fence) and lines[end].strip().strip(fence[0]) == ""):
            end += 1
        options = fences.parse_options(match["options"]) if match["lang"].lower() in fences.PYTHON_LANGS else {}
        if not fences.is_true(options.get("exec")):
            prose.extend(lines[i : end + 1])
        else:
            yield "markdown", "\n".join(prose), {}
            prose = []
            yield "code", textwrap.dedent("\n".join(lines[i + 1 : end])).strip("\n"), options
        i = end + 1
    yield "markdown", "\n".join(prose), {}


def _plain_prose(text: str) -> str:
    """Material's admonitions (``!!! note "Title"`` and an indented body) as a bold title and a plain body.

    A title keeps its indent, so an exercise's solution stays inside its list item. Prose that follows
    a code cell inside an admonition or a list has lost that context in its own cell, so the cell is
    dedented by its first line's indent: it must not turn into an indented code block.
    """
    out, stack = [], []  # stack: the indents of the admonitions we are inside
    for line in text.splitlines():
        indent = len(line) - len(line.lstrip())
        while stack and line.strip() and indent <= stack[-1]:
            stack.pop()
        body = line[4 * len(stack) :] if line[: 4 * len(stack)].strip() == "" else line.lstrip()
        match = ADMONITION.match(body)
        if match:
            lead = body[: len(body) - len(body.lstrip())]
            out.append(f"{lead}**{match['title']}**" if match["title"] else "")
            stack.append(indent)
            continue
        out.append(body)
    first = next((line for line in out if line.strip()), "")
    cut = len(first) - len(first.lstrip())
    out = [line[cut:] if line[:cut].strip() == "" else line for line in out]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out))


def _links_to_site(text: str, page: str, site_url: str) -> str:
    """Links to other pages (``../real-data/softmax.md#x``) become links to those pages on the course's site."""
    def absolute(match):
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), match["target"]))
        return f"]({site_url.rstrip('/')}/{_page_path(target)}{match['anchor'] or ''})"

    return MD_LINK.sub(absolute, text)


def _cell_code(code: str, options: dict, page: str) -> str:
    """A block's code, with the CUDA guard, the session and the figure or table display its options ask for."""
    notes, names, managers = [], [], []
    if fences.needs_cuda(options):
        notes.append(GPU_NOTE)
    if options.get("session"):
        notes.append(SESSION_NOTE)
        names.append("session")
        managers.append(f"session({options['session']!r}, globals())")
    if fences.is_true(options.get("html")):
        notes.append(FIGURE_NOTE)
        names.append("show_html")
        managers.append("show_html()")
    elif options.get("output") == "markdown":
        notes.append(TABLE_NOTE)
        names.append("show_markdown")
        managers.append("show_markdown()")
    if not notes:
        return code
    head = notes + (["import torch"] if fences.needs_cuda(options) else [])
    head += [f"from torchsteps.course import {', '.join(names)}"] if names else []
    body = f"with {', '.join(managers)}:\n{_indented(code, page)}" if managers else code
    if fences.needs_cuda(options):
        body = (f"if torch.cuda.is_available():\n{_indented(body, page)}\n"
                'else:\n    print("Needs a CUDA GPU: not run here, where torch.cuda.is_available() is False.")')
    return "\n".join(head) + "\n\n" + body


def _indented(code: str, page: str) -> str:
    """``code`` indented one level, refusing code whose meaning indentation would change (a multi-line string)."""
    indented = textwrap.indent(code, "    ")
    inside = [ast.dump(node) for node in ast.parse(f"if True:\n{indented}").body[0].body]
    if inside != [ast.dump(node) for node in ast.parse(code).body]:
        raise ValueError(f"{page}: a block marked requires= or html= holds a multi-line string, which cannot be indented "
                         "into the notebook's guard unchanged; build the string from single-line parts")
    return indented
