"""What the Tensors chapter claims, asserted on its own snippets."""
from __future__ import annotations

import runpy
from pathlib import Path

import numpy
import torch

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = ROOT / "snippets" / "tensors"


def run(name: str) -> dict:
    return runpy.run_path(str(SNIPPETS / name))


def test_view_shares_memory_and_reshape_copies_a_transpose():
    g = run("shape.py")
    assert g["x"][0].item() == 100  # written through the view
    assert not g["t"].is_contiguous()
    assert torch.equal(g["r"], g["t"].contiguous().view(12))
    assert g["y"].shape == (2, 3) and g["z"].sum().item() == g["y"].sum().item() + 6


def test_reductions_four_cases_have_the_stated_shapes():
    A = run("reductions.py")["A"]
    assert A.sum(dim=0).shape == (3,) and A.sum(dim=0, keepdim=True).shape == (1, 3)
    assert A.sum(dim=1).shape == (2,) and A.sum(dim=1, keepdim=True).shape == (2, 1)
    torch.testing.assert_close(run("reductions.py")["row_share"].sum(dim=1), torch.ones(2))


def test_broadcasting_centres_each_feature():
    g = run("broadcasting.py")
    torch.testing.assert_close(g["centred"].mean(dim=0), torch.zeros(2))
    assert (g["col"] * g["row"]).shape == (3, 2)


def test_numpy_bridge_shares_memory_and_tensor_copies():
    g = run("numpy_bridge.py")
    assert numpy.shares_memory(g["a"], g["back"])
    assert g["t"][0].item() == 200.0  # 100 written in NumPy, doubled in torch
    assert g["copy"][1].item() == 4.0 and g["t"][1].item() == -1.0


def test_dtype_promotion_and_defaults():
    g = run("create.py")
    assert g["x"].dtype == torch.int64 and g["a"].dtype == torch.float32
    assert g["mixed"].dtype == torch.float32 and g["c"].tolist() == [1, 2]
    assert len(g["steps"]) == 4 and len(g["grid"]) == 5


def test_exercise_answers_stated_on_the_page():
    g = run("exercise_mean_digit.py")
    assert g["ink"].argmin().item() == 1  # "a one ... holds the least ink"
    assert g["ink"].argmax().item() == 0  # "a zero ... holds the most"
    g = run("exercise_unit_rows.py")
    torch.testing.assert_close(g["unit"].norm(dim=1), torch.ones(5))
    g = run("exercise_flatten.py")
    assert g["flat"].shape == (2, 48) and not g["nchw"].is_contiguous()


def test_digit_page_numbers():
    g = run("digit.py")
    counts = torch.bincount(g["y"], minlength=10)
    assert counts.sum() == 8000 and counts.min() > 700 and counts.max() < 950  # "all close to 800"


def test_type_promotion_follows_categories_and_ignores_scalars_for_width():
    cases = run("promotion.py")["cases"]
    assert cases["int64 tensor + float32 tensor"].dtype == torch.float32  # category wins, not width
    assert cases["float32 tensor + float64 tensor"].dtype == torch.float64
    assert cases["float32 tensor + float64 0-dim tensor"].dtype == torch.float32  # "0-dim tensors do not widen"
    assert cases["int8 tensor + Python int"].dtype == torch.int8  # "a Python scalar does not widen"
    assert cases["int8 tensor + Python float"].dtype == torch.get_default_dtype()
    assert cases["int64 tensor / int64 tensor"].is_floating_point()
    assert torch.result_type(torch.ones(1, dtype=torch.int8), 1000) == torch.int8
    assert (torch.ones(1, dtype=torch.int8) * 1000).item() == -24  # the overflow the page prints
