"""Shape a lab page that mkdocs-jupyter rendered: MathML instead of MathJax, collapsed solutions, a download link."""
from __future__ import annotations

import re

import mathml

_MATHJAX = re.compile(r'<!-- Load mathjax -->\s*<script src="[^"]*">\s*</script>\s*<!-- MathJax configuration -->\s*'
                      r'<script type="text/x-mathjax-config">.*?</script>', re.S)
_MARKDOWN = re.compile(r'(<div class="[^"]*\bjp-RenderedMarkdown\b[^"]*"[^>]*>)(.*?)(</div>)', re.S)
_SOLUTION = re.compile(r'<div class="jp-Cell jp-CodeCell jp-Notebook-cell celltag_solution">')
_DIV = re.compile(r"<(/?)div\b")
_CELL_ID = re.compile(r'id="cell-id=[0-9a-f]+"')
_TAGS = re.compile(r'<div class="celltoolbar">.*?</span>\s*</span>\s*</div>\s*</div>', re.S)


def render(page_html: str, stem: str) -> str:
    """The lab page with TeX as MathML, each solution cell in a closed <details>, and the .ipynb linked under the title."""
    page_html = _MATHJAX.sub("", page_html)  # the math is MathML: no script, nothing fetched
    page_html = _MARKDOWN.sub(lambda m: m[1] + mathml.render_dollars(m[2]) + m[3], page_html)
    page_html = collapse_solutions(page_html)
    count = iter(range(1, 10**6))
    page_html = _CELL_ID.sub(lambda m: f'id="cell-id={next(count)}"', page_html)  # jupytext draws them at random
    link = (f'<p class="ts-lab-download" data-ts-lab-download="1">Run it yourself: download '
            f'<a href="{stem}.ipynb" download>{stem}.ipynb</a> (a notebook) or <a href="{stem}.py" download>{stem}.py</a> '
            f'(the same lab as a jupytext script). The notebook\'s first code cell installs the course\'s package, '
            f'<code>torchsteps</code>, where it is missing.</p>')
    return re.sub(r"</h1>", lambda m: m[0] + link, page_html, count=1)


def _closing(page_html: str, start: int) -> int:
    """The index just past the </div> that closes the <div> opened at ``start``."""
    depth = 0
    for tag in _DIV.finditer(page_html, start):
        depth += -1 if tag[1] else 1
        if depth == 0:
            return page_html.index(">", tag.end()) + 1
    raise ValueError("a solution cell's <div> is never closed")


def collapse_solutions(page_html: str) -> str:
    """Wrap every cell tagged ``solution`` in a closed <details>, as chapter pages show their solutions."""
    out, position = [], 0
    for found in _SOLUTION.finditer(page_html):
        if found.start() < position:  # nested inside the cell just wrapped
            continue
        end = _closing(page_html, found.start())
        cell = _TAGS.sub("", page_html[found.start():end], count=1)  # the tag is for the tools, not the reader
        out += [page_html[position:found.start()], '<details class="success ts-solution"><summary>Solution</summary>', cell, "</details>"]
        position = end
    return "".join(out) + page_html[position:]
