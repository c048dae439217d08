"""Computational graphs drawn with matplotlib, for pages to print as SVG (chapter: Backpropagation and autograd).

A graph is a set of nodes, each a value the computation produces, and arrows
from every input to the node computed from it. A node shows its formula, its
value from the forward pass and, once known, its gradient from the backward
pass. An arrow may carry the local derivative of its head with respect to its
tail, so the figure shows every factor of the chain rule.
"""
from __future__ import annotations

from typing import NamedTuple

from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from torchsteps.plotting import figure

VALUE_COLOUR = "#1f1f1f"
GRAD_COLOUR = "#c2410c"  # gradients in orange, apart from the forward values
LEAF_FILL = "#e8eef8"
OP_FILL = "#fdf1e6"


class Node(NamedTuple):
    """One value in a computational graph (chapter: Backpropagation and autograd).

    ``label`` is the text on top (matplotlib mathtext such as ``r"$\\hat y = xw$"``
    works), ``xy`` its centre in data units, ``value`` the number the forward
    pass gave it and ``grad`` the derivative of the output with respect to it.
    ``leaf`` marks an input (drawn in blue) rather than a computed value.
    """

    label: str
    xy: tuple[float, float]
    value: float | None = None
    grad: float | None = None
    leaf: bool = False


def _fmt(number: float) -> str:
    text = f"{number:.4g}"
    return text.replace("-", "\u2212")  # a true minus sign reads better than a hyphen


def draw_graph(
    nodes: dict[str, Node],
    edges: list[tuple[str, str] | tuple[str, str, str | float]],
    *,
    title: str | None = None,
    width: float = 6.4,
    height: float = 2.8,
    box: tuple[float, float] = (1.1, 0.62),
):
    """Draw ``nodes`` and the arrows ``edges`` between them; return the figure (chapter: Backpropagation and autograd).

    Each edge is ``(tail, head)`` or ``(tail, head, label)``. A number as
    ``label`` is drawn as the factor ``×number``: pass the local derivative of
    ``head`` with respect to ``tail``, the factor a gradient picks up on its
    way back along the arrow. Any other label is drawn as it is.
    Hand the figure to ``torchsteps.plotting.svg`` to put it on a page.
    """
    unknown = {key for edge in edges for key in edge[:2]} - set(nodes)
    if unknown:
        raise KeyError(f"edges name nodes that do not exist: {sorted(unknown)}")
    fig, ax = figure(width=width, height=height)
    box_w, box_h = box
    for node in nodes.values():
        x, y = node.xy
        ax.add_patch(
            FancyBboxPatch(
                (x - box_w / 2, y - box_h / 2), box_w, box_h,
                boxstyle="round,pad=0.02,rounding_size=0.08",
                facecolor=LEAF_FILL if node.leaf else OP_FILL, edgecolor="#555555", linewidth=1.0,
            )
        )
        lines = [(node.label, VALUE_COLOUR)]
        if node.value is not None:
            lines.append((f"= {_fmt(node.value)}", VALUE_COLOUR))
        if node.grad is not None:
            lines.append((f"grad {_fmt(node.grad)}", GRAD_COLOUR))
        step = box_h / (len(lines) + 0.6)
        top = y + step * (len(lines) - 1) / 2
        for i, (text, colour) in enumerate(lines):
            ax.text(x, top - i * step, text, ha="center", va="center", fontsize=9, color=colour)
    for edge in edges:
        tail, head = nodes[edge[0]].xy, nodes[edge[1]].xy
        start, end = _edge_point(tail, head, box_w / 2, box_h / 2), _edge_point(head, tail, box_w / 2, box_h / 2)
        ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=12, color="#555555", linewidth=1.0))
        if len(edge) == 3:
            label = edge[2] if isinstance(edge[2], str) else _factor(edge[2])
            mid = ((tail[0] + head[0]) / 2, (tail[1] + head[1]) / 2)
            ax.text(*mid, label, ha="center", va="center", fontsize=8, color=GRAD_COLOUR,
                    bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none"})
    xs = [n.xy[0] for n in nodes.values()]
    ys = [n.xy[1] for n in nodes.values()]
    ax.set_xlim(min(xs) - box_w * 0.6, max(xs) + box_w * 0.6)
    ax.set_ylim(min(ys) - box_h * 0.6, max(ys) + box_h * 0.6)
    ax.set_aspect("equal")
    ax.axis("off")
    if title:
        ax.set_title(title, fontsize=10)
    return fig


def _factor(number: float) -> str:
    text = _fmt(number)
    return f"×({text})" if number < 0 else f"×{text}"


def _edge_point(centre, toward, half_w, half_h):
    """Where the line from ``centre`` to ``toward`` leaves the box around ``centre``."""
    dx, dy = toward[0] - centre[0], toward[1] - centre[1]
    scale = min(half_w / abs(dx) if dx else float("inf"), half_h / abs(dy) if dy else float("inf"))
    return centre[0] + dx * scale, centre[1] + dy * scale
