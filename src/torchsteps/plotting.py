"""Figures made at build time, returned as inline SVG that a page prints."""
from __future__ import annotations

import io
import re

import matplotlib

matplotlib.use("Agg")  # no window, no display: figures only become SVG text
import matplotlib.pyplot as plt  # noqa: E402

matplotlib.rcParams.update(
    {
        "svg.hashsalt": "torchsteps",  # stable element ids, so two builds give the same bytes
        "svg.fonttype": "path",  # glyphs as paths: no font files to fetch
        "figure.dpi": 100,
        "figure.figsize": (6.0, 3.6),
        "axes.grid": True,
        "grid.alpha": 0.3,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }
)


def figure(ncols: int = 1, nrows: int = 1, width: float = 6.0, height: float = 3.6, **kwargs):
    """A new figure and its axes, sized for a page column (chapter: Tensors)."""
    return plt.subplots(nrows, ncols, figsize=(width, height), layout="constrained", **kwargs)


def svg(fig, alt: str) -> str:
    """Render ``fig`` to an inline ``<svg>`` element with alt text, and close it (chapter: Tensors).

    Print the result from a block marked ``html="1"``.
    """
    if not alt or not alt.strip():
        raise ValueError("alt= must describe the figure for readers who cannot see it")
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    plt.close(fig)
    text = buffer.getvalue()
    text = text[text.index("<svg") :]  # drop the XML prolog and doctype
    text = re.sub(r'width="[\d.]+pt" height="[\d.]+pt"', "", text, count=1)  # scale with the page instead
    label = alt.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    text = text.replace("<svg ", f'<svg role="img" aria-label="{label}" class="ts-figure" ', 1)
    return f'<figure class="ts-figure">{text}<figcaption>{alt}</figcaption></figure>'
