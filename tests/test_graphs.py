"""torchsteps.graphs draws a computational graph: every node, value, gradient and arrow, and nothing invented."""
from __future__ import annotations

import matplotlib.pyplot as plt
import pytest
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from torchsteps.graphs import Node, _edge_point, draw_graph
from torchsteps.plotting import svg

NODES = {
    "x": Node("$x$", (0, 1), 2.0, leaf=True),
    "w": Node("$w$", (0, 0), 1.0, grad=-8.0, leaf=True),
    "y_hat": Node(r"$\hat y = xw$", (1.8, 0.5), 2.0, grad=-4.0),
}


def texts(fig) -> list[str]:
    return [t.get_text() for t in fig.axes[0].texts]


def test_every_node_shows_its_label_value_and_gradient():
    fig = draw_graph(NODES, [("x", "y_hat"), ("w", "y_hat")])
    shown = texts(fig)
    assert shown.count("$x$") == 1 and shown.count(r"$\hat y = xw$") == 1
    assert shown.count("= 2") == 2 and "= 1" in shown
    assert "grad \u22128" in shown and "grad \u22124" in shown  # a true minus sign
    assert sum("grad" in t for t in shown) == 2  # x has no gradient, so none is drawn
    patches = fig.axes[0].patches
    assert sum(isinstance(p, FancyBboxPatch) for p in patches) == 3
    assert sum(isinstance(p, FancyArrowPatch) for p in patches) == 2
    plt.close(fig)


def test_edge_labels_numbers_become_factors_and_text_stays():
    fig = draw_graph(NODES, [("x", "y_hat", 1.0), ("w", "y_hat", -4.0)], title="t")
    shown = texts(fig)
    assert "×1" in shown and "×(\u22124)" in shown
    plt.close(fig)
    fig = draw_graph(NODES, [("x", "y_hat", "any label")])
    assert "any label" in texts(fig)
    plt.close(fig)


def test_arrows_run_from_box_edge_to_box_edge():
    half_w, half_h = 0.55, 0.31
    start = _edge_point((0, 0), (1.8, 0.5), half_w, half_h)
    assert start[0] == pytest.approx(half_w)  # leaves through the right side
    assert abs(start[1]) <= half_h
    top = _edge_point((0, 0), (0, 3), half_w, half_h)
    assert top == pytest.approx((0, half_h))


def test_unknown_node_in_an_edge_is_an_error():
    with pytest.raises(KeyError, match="nope"):
        draw_graph(NODES, [("x", "nope")])


def test_figure_becomes_deterministic_svg():
    a = svg(draw_graph(NODES, [("w", "y_hat", 2.0)]), alt="a graph")
    b = svg(draw_graph(NODES, [("w", "y_hat", 2.0)]), alt="a graph")
    assert a == b and a.startswith("<figure") and 'aria-label="a graph"' in a
