"""What the chapter "Convolution from the ground up" claims: the worked example's numbers, our loop and unfold
convolutions match F.conv2d forward and backward, the output-size formula matches real layers, pooling, the
receptive field and the parameter counts are what the page says, and torchsteps.conv refuses impossible shapes."""
from __future__ import annotations

import itertools
import runpy
from pathlib import Path

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from pagerun import page_globals
from torch import nn

from torchsteps.conv import conv2d, output_size

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = ROOT / "snippets" / "convolution"
PAGE = "structure/convolution.md"


def run(name: str) -> dict:
    return runpy.run_path(str(SNIPPETS / f"{name}.py"))


@pytest.fixture(scope="module")
def by_hand() -> dict:
    return run("by_hand")


@pytest.fixture(scope="module")
def loops() -> dict:
    return run("conv_loops")


@pytest.fixture(scope="module")
def im2col() -> dict:
    return run("im2col")


@pytest.fixture(scope="module")
def page() -> dict:
    return page_globals(PAGE)


WORKED_X = torch.tensor([[1.0, 2.0, 0.0, 3.0], [4.0, 1.0, 2.0, 0.0], [1.0, 3.0, 1.0, 2.0], [2.0, 0.0, 4.0, 5.0]])
WORKED_K = torch.tensor([[1.0, 0.0], [2.0, -1.0]])
WORKED_Y = torch.tensor([[8.0, 2.0, 4.0], [3.0, 6.0, 2.0], [5.0, -1.0, 4.0]])


def conv_grid():
    """(C_in, C_out, kernel, stride, padding) over a grid, on a 7x6 input: every combination fits."""
    return list(itertools.product((1, 3), (1, 4), ((1, 1), (2, 3), (3, 3)), (1, 2, 3), (0, 1, 2)))


# --- the worked example ---


def test_worked_example_numbers(by_hand) -> None:
    assert torch.equal(by_hand["X"], WORKED_X) and torch.equal(by_hand["K"], WORKED_K)
    assert torch.equal(by_hand["Y"], WORKED_Y)
    assert (WORKED_X[:2, :2] * WORKED_K).sum().item() == 1 * 1 + 2 * 0 + 4 * 2 + 1 * (-1) == 8  # Y[0, 0] in the prose
    assert (by_hand["i"], by_hand["j"]) == (1, 1)
    assert by_hand["terms"] == "1·1 + 2·0 + 3·2 + 1·(-1)"
    assert by_hand["Y"][1, 1].item() == 6
    assert torch.equal(F.conv2d(WORKED_X[None, None], WORKED_K[None, None])[0, 0], WORKED_Y)


def test_correlate2d_matches_conv2d_on_random_shapes(by_hand) -> None:
    correlate2d = by_hand["correlate2d"]
    torch.manual_seed(0)
    for (n_h, n_w), (k_h, k_w) in [((5, 5), (3, 3)), ((6, 4), (2, 3)), ((3, 7), (3, 1)), ((4, 4), (4, 4))]:
        X, K = torch.randn(n_h, n_w), torch.randn(k_h, k_w)
        torch.testing.assert_close(correlate2d(X, K), F.conv2d(X[None, None], K[None, None])[0, 0])


def test_correlate2d_gradients_match_conv2d(by_hand) -> None:
    correlate2d = by_hand["correlate2d"]
    torch.manual_seed(1)
    X, K, grad_Y = torch.randn(5, 4), torch.randn(2, 3), torch.randn(4, 2)  # input, kernel, upstream gradient
    ours = [t.clone().requires_grad_() for t in (X, K)]
    theirs = [t.clone().requires_grad_() for t in (X, K)]
    correlate2d(*ours).backward(grad_Y)  # autograd records each in-place += of the loops
    F.conv2d(theirs[0][None, None], theirs[1][None, None])[0, 0].backward(grad_Y)
    for o, t in zip(ours, theirs):
        torch.testing.assert_close(o.grad, t.grad)


# --- convolution versus cross-correlation ---


def test_flip_one_dimension() -> None:
    ns = run("flip")
    x, k = ns["x"], ns["k"]
    np.testing.assert_array_equal(np.convolve(x, k, mode="valid"), [-1.0, 1.0, 4.0])  # the prose's (-1, 1, 4)
    np.testing.assert_array_equal(np.correlate(x, k[::-1], mode="valid"), np.convolve(x, k, mode="valid"))
    np.testing.assert_allclose(F.conv1d(ns["xt"], ns["kt"])[0, 0].numpy(), np.correlate(x, k, mode="valid"))


def test_flip_two_dimensions_is_the_textbook_convolution() -> None:
    ns = run("flip")
    X, K = ns["X"], ns["K"]
    k_h, k_w = K.shape
    # the definition, (X * K)[i, j] = sum X[i - u, j - v] K[u, v], indexed so that the kernel fits ("valid")
    reference = torch.zeros(3, 3)
    for i, j, u, v in itertools.product(range(3), range(3), range(k_h), range(k_w)):
        reference[i, j] += X[i + k_h - 1 - u, j + k_w - 1 - v] * K[u, v]
    torch.testing.assert_close(ns["convolution"], reference)
    assert torch.equal(ns["cross_correlation"], WORKED_Y)
    assert (ns["convolution"] != ns["cross_correlation"]).sum().item() == 8  # "differ in eight of their nine entries"


# --- im2col on the worked example ---


def test_unfold_worked_example() -> None:
    ns = run("unfold_worked")
    cols = ns["cols"]
    assert cols.shape == (4, 9)
    assert cols[:, 0].tolist() == [1.0, 2.0, 4.0, 1.0]  # the top-left window, row by row
    assert cols[:, 4].tolist() == [1.0, 2.0, 3.0, 1.0]  # the window of the worked entry Y[1, 1]
    assert torch.equal(ns["Y_mm"], WORKED_Y)


# --- the general convolution: loops, unfold and the package against F.conv2d ---


@pytest.mark.parametrize("C_in, C_out, kernel, stride, padding", conv_grid())
def test_loops_unfold_and_package_match_conv2d(loops, im2col, C_in, C_out, kernel, stride, padding) -> None:
    torch.manual_seed(C_in * 100 + C_out * 10 + stride + padding)
    X = torch.randn(2, C_in, 7, 6)
    weight, bias = torch.randn(C_out, C_in, *kernel), torch.randn(C_out)
    expected = F.conv2d(X, weight, bias, stride=stride, padding=padding)
    torch.testing.assert_close(loops["conv2d_loops"](X, weight, bias, stride, padding), expected)
    torch.testing.assert_close(im2col["conv2d_unfold"](X, weight, bias, stride, padding), expected)
    torch.testing.assert_close(conv2d(X, weight, bias, stride, padding), expected)
    torch.testing.assert_close(conv2d(X, weight, None, stride, padding), F.conv2d(X, weight, stride=stride, padding=padding))


@pytest.mark.parametrize("stride, padding", [(1, 0), (2, 1)])
def test_loop_gradients_match_conv2d(loops, stride, padding) -> None:
    torch.manual_seed(stride * 10 + padding)
    X, weight, bias = torch.randn(2, 3, 6, 5), torch.randn(4, 3, 3, 2), torch.randn(4)  # (B, C_in, H, W), (C_out, C_in, k_h, k_w)
    grad_Y = torch.randn_like(F.conv2d(X, weight, bias, stride=stride, padding=padding))
    ours = [t.clone().requires_grad_() for t in (X, weight, bias)]
    theirs = [t.clone().requires_grad_() for t in (X, weight, bias)]
    loops["conv2d_loops"](*ours, stride, padding).backward(grad_Y)
    F.conv2d(*theirs, stride=stride, padding=padding).backward(grad_Y)
    for o, t in zip(ours, theirs):
        torch.testing.assert_close(o.grad, t.grad)


@pytest.mark.parametrize("kernel, stride, padding", list(itertools.product(((2, 3), (3, 3)), (1, 2), (0, 1))))
def test_unfold_gradients_match_conv2d(im2col, kernel, stride, padding) -> None:
    torch.manual_seed(stride * 10 + padding)
    X = torch.randn(2, 3, 7, 6, dtype=torch.float64)
    weight, bias = torch.randn(4, 3, *kernel, dtype=torch.float64), torch.randn(4, dtype=torch.float64)
    grad_Y = torch.randn_like(F.conv2d(X, weight, bias, stride=stride, padding=padding))
    leaves = [t.clone().requires_grad_() for t in (X, weight, bias)]
    expected = torch.autograd.grad((F.conv2d(*leaves, stride=stride, padding=padding) * grad_Y).sum(), leaves)
    for fn in (im2col["conv2d_unfold"], conv2d):
        ours = [t.clone().requires_grad_() for t in (X, weight, bias)]
        got = torch.autograd.grad((fn(*ours, stride=stride, padding=padding) * grad_Y).sum(), ours)
        for g, e in zip(got, expected):
            torch.testing.assert_close(g, e)


def test_page_gradient_check_and_transposed_convolution(im2col) -> None:
    params, params_torch, grad_Y, weight = im2col["params"], im2col["params_torch"], im2col["grad_Y"], im2col["weight"]
    for ours, theirs in zip(params, params_torch):
        torch.testing.assert_close(ours.grad, theirs.grad, atol=1e-4, rtol=1e-4)
    torch.testing.assert_close(params[0].grad, F.conv_transpose2d(grad_Y, weight, stride=2, padding=1), atol=1e-4, rtol=1e-4)
    # the weight gradient is G U^T, with U the unfolded input
    X = im2col["X"]
    U = F.unfold(X, (3, 3), padding=1, stride=2)  # (B, 27, L)
    G = grad_Y.flatten(2)  # (B, C_out, L)
    torch.testing.assert_close(params[1].grad, (G @ U.transpose(1, 2)).sum(0).view_as(weight), atol=1e-4, rtol=1e-4)
    # and the input gradient is W^T G, one column per window, folded back: overlapping windows add up
    grad_cols = weight.flatten(1).T @ G  # (B, 27, L)
    folded = F.fold(grad_cols, X.shape[-2:], (3, 3), padding=1, stride=2)
    torch.testing.assert_close(params[0].grad, folded, atol=1e-4, rtol=1e-4)


def test_page_shapes_quoted_in_prose(loops, im2col) -> None:
    X, weight, bias, conv2d_unfold = im2col["X"], im2col["weight"], im2col["bias"], im2col["conv2d_unfold"]
    assert X.shape == (2, 3, 7, 7) and weight.shape == (4, 3, 3, 3)
    columns = [F.unfold(X, (3, 3), padding=p, stride=s).shape for s, p in [(1, 0), (1, 1), (2, 1)]]
    assert [c[1] for c in columns] == [27, 27, 27] and [c[2] for c in columns] == [25, 49, 16]
    for s, p in [(1, 0), (1, 1), (2, 1)]:
        diff = (loops["conv2d_loops"](X, weight, bias, s, p) - F.conv2d(X, weight, bias, stride=s, padding=p)).abs().max()
        assert 0 < diff.item() < 1e-5  # "to within float32 rounding: the last digits differ"
        torch.testing.assert_close(conv2d_unfold(X, weight, bias, s, p), F.conv2d(X, weight, bias, stride=s, padding=p))


# --- the output size ---


def test_output_size_formula_matches_real_layers() -> None:
    checked = 0
    for n, k, p, s in itertools.product(range(1, 11), range(1, 6), range(3), range(1, 4)):
        X = torch.zeros(1, 1, n, n)
        if n + 2 * p < k:
            with pytest.raises(ValueError, match="kernel_size"):
                output_size(n, k, stride=s, padding=p)
            with pytest.raises(RuntimeError):
                nn.Conv2d(1, 1, k, stride=s, padding=p)(X)
            continue
        expected = (n + 2 * p - k) // s + 1
        assert output_size(n, k, stride=s, padding=p) == expected
        with torch.no_grad():
            assert nn.Conv2d(1, 1, k, stride=s, padding=p)(X).shape[-2:] == (expected, expected)
            if p <= k // 2:  # pooling layers allow padding of at most half the kernel
                assert nn.MaxPool2d(k, stride=s, padding=p)(X).shape[-2:] == (expected, expected)
                assert nn.AvgPool2d(k, stride=s, padding=p)(X).shape[-2:] == (expected, expected)
        checked += 1
    assert checked > 350


def test_output_size_with_dilation_matches_conv2d() -> None:
    for n, k, d, p, s in itertools.product(range(3, 12), (2, 3), (1, 2, 3), (0, 1), (1, 2)):
        span = d * (k - 1) + 1
        if span > n + 2 * p:
            with pytest.raises(ValueError, match="dilation"):
                output_size(n, k, s, p, d)
            continue
        with torch.no_grad():
            real = nn.Conv2d(1, 1, k, stride=s, padding=p, dilation=d)(torch.zeros(1, 1, n, n)).shape[-1]
        assert output_size(n, k, s, p, d) == real


def test_page_output_size_table(page) -> None:
    rows = page["table"]
    assert len(rows) == 8 and all(r[4] == r[5] == r[6] for r in rows)
    table = {(n, k, p, s): out for n, k, p, s, out, _, _ in rows}
    assert table[(7, 2, 0, 2)] == 3  # "7 becomes 3"
    assert table[(28, 2, 0, 2)] == 14 and table[(224, 7, 3, 2)] == 112 and table[(112, 3, 1, 2)] == 56
    for k in (1, 3, 5, 7):  # "same" padding with stride 1 and an odd kernel
        assert output_size(28, k, stride=1, padding=(k - 1) // 2) == 28
        with torch.no_grad():
            assert nn.Conv2d(1, 1, k, padding="same")(torch.zeros(1, 1, 28, 28)).shape[-1] == 28
    with pytest.raises(ValueError, match="strided"):  # "for stride 1 only"
        nn.Conv2d(1, 1, 3, stride=2, padding="same")
    covered = F.unfold(torch.ones(1, 1, 7, 7), 2, stride=2).sum().item()  # input pixels the 3 x 3 grid of windows looks at
    assert covered == 36  # of 49: the last row and column are never looked at


# --- bad input ---


@pytest.mark.parametrize(
    "kwargs, name",
    [
        (dict(n=4, kernel_size=5), "kernel_size"),
        (dict(n=28, kernel_size=3, stride=0), "stride"),
        (dict(n=28, kernel_size=3, stride=-1), "stride"),
        (dict(n=28, kernel_size=0), "kernel_size"),
        (dict(n=0, kernel_size=3), "n"),
        (dict(n=28, kernel_size=3, padding=-1), "padding"),
        (dict(n=28, kernel_size=3, dilation=0), "dilation"),
        (dict(n=5, kernel_size=3, dilation=3), "kernel_size"),
    ],
)
def test_output_size_rejects_impossible_shapes(kwargs, name) -> None:
    with pytest.raises(ValueError, match=rf"\b{name}\b"):
        output_size(**kwargs)


def test_output_size_rejects_non_integers() -> None:
    for kwargs in [dict(n=28.0, kernel_size=3), dict(n=28, kernel_size=3, stride=True), dict(n=28, kernel_size="3")]:
        with pytest.raises(TypeError, match="must be an int"):
            output_size(**kwargs)


def test_conv2d_rejects_bad_shapes_with_named_arguments() -> None:
    X, weight = torch.randn(1, 3, 8, 8), torch.randn(4, 3, 3, 3)
    cases = [
        (lambda: conv2d(X, torch.randn(4, 1, 3, 3)), r"weight\.shape\[1\] = 1 input channels, but X\.shape\[1\] = 3"),
        (lambda: conv2d(X[0], weight), r"X must be a 4-D tensor"),
        (lambda: conv2d(X, weight[0]), r"weight must be a 4-D tensor"),
        (lambda: conv2d(X, weight, torch.randn(3)), r"bias must have shape \(4,\)"),
        (lambda: conv2d(X, torch.randn(4, 3, 9, 9)), r"kernel_size=9"),
        (lambda: conv2d(X, weight, stride=0), r"stride"),
        (lambda: conv2d(X, weight, padding=-1), r"padding"),
    ]
    for call, message in cases:
        with pytest.raises(ValueError, match=message):
            call()
    assert conv2d(X, torch.randn(4, 3, 9, 9), padding=1).shape == (1, 4, 2, 2)  # padding makes the kernel fit
    with pytest.raises(TypeError, match="bias must be a tensor"):
        conv2d(X, weight, [0.0, 0.0, 0.0, 0.0])


def test_errors_snippet_prints_the_messages(capsys) -> None:
    run("errors")
    out = capsys.readouterr().out
    assert "output_size(n=4, kernel_size=5) raises ValueError" in out
    assert "stride must be an int >= 1, got stride=0" in out
    assert "output_size(4, 5, padding=1) = 2" in out
    assert "valid input: (2, 4, 4, 4) allclose to F.conv2d: True" in out


# --- what a kernel detects ---


def test_edge_filters_on_the_digit(page) -> None:
    feature_maps = page["feature_maps"]
    assert feature_maps.shape == (3, 28, 28) and page["y_test"][0].item() == 7
    vertical, horizontal, blur = feature_maps
    bar = (slice(6, 12), slice(8, 17))  # the top bar of the 7, away from the stroke
    assert vertical[bar].abs().mean() < 0.2 * horizontal[bar].abs().mean()  # "only faintly" in the vertical-edge map
    torch.testing.assert_close(page["kernels"]["horizontal edges"], page["kernels"]["vertical edges"].T)
    assert blur.min().item() >= 0
    torch.testing.assert_close(blur.sum(), page["digit"].sum(), atol=1e-3, rtol=1e-3)  # blurring keeps the ink: no ink near the border


# --- speed ---


def test_speed_ordering(page) -> None:
    """Only orderings, with wide margins, are asserted; the times themselves are the build's, in a timing block.

    Measured on one thread: loops about 100x slower than unfold on the first layer, F.conv2d about 3x faster than unfold."""
    loops_first, unfold_first, conv2d_first = page["timings"]["first layer"]
    assert loops_first > 10 * unfold_first  # "tens of times slower"
    for name in ("first layer", "middle layer"):
        _, unfold_time, conv2d_time = page["timings"][name]
        assert conv2d_time < unfold_time  # "F.conv2d is faster again"


# --- pooling ---


def test_pooling_worked_example() -> None:
    ns = run("pooling")
    assert ns["max_pooled"].tolist() == [[4.0, 3.0], [3.0, 5.0]]
    assert ns["avg_pooled"].tolist() == [[2.0, 1.25], [1.5, 3.0]]
    X = ns["X"]
    assert sorted(X[:2, :2].flatten().tolist()) == sorted([1.0, 2.0, 4.0, 1.0])
    assert sorted(X[:2, 2:].flatten().tolist()) == sorted([0.0, 3.0, 2.0, 0.0])
    assert sorted(X[2:, :2].flatten().tolist()) == sorted([1.0, 3.0, 2.0, 0.0])
    assert sorted(X[2:, 2:].flatten().tolist()) == sorted([1.0, 2.0, 4.0, 5.0])
    grad = ns["X_leaf"].grad
    torch.testing.assert_close(grad, torch.full((4, 4), 0.25))  # average pooling: a quarter everywhere


def test_pooling_from_reshape_matches_torch_on_random_input() -> None:
    torch.manual_seed(0)
    X = torch.randn(3, 5, 8, 6)  # (B, C, H, W): pooling acts on each channel separately
    blocks = X.view(3, 5, 4, 2, 3, 2)
    torch.testing.assert_close(blocks.amax(dim=(3, 5)), F.max_pool2d(X, 2))
    torch.testing.assert_close(blocks.mean(dim=(3, 5)), F.avg_pool2d(X, 2))
    assert sum(p.numel() for p in nn.MaxPool2d(2).parameters()) == 0
    # and backward: random input has no ties, so the reshape's max and F.max_pool2d pick the same entries
    grad_out = torch.randn(3, 5, 4, 3)
    for ours_fn, torch_fn in [(lambda t: t.view(3, 5, 4, 2, 3, 2).amax(dim=(3, 5)), F.max_pool2d),
                              (lambda t: t.view(3, 5, 4, 2, 3, 2).mean(dim=(3, 5)), F.avg_pool2d)]:
        ours, theirs = X.clone().requires_grad_(), X.clone().requires_grad_()
        ours_fn(ours).backward(grad_out)
        torch_fn(theirs, 2).backward(grad_out)
        torch.testing.assert_close(ours.grad, theirs.grad)


def test_max_pooling_gradient_goes_to_the_maximum() -> None:
    X = WORKED_X.clone().requires_grad_()
    F.max_pool2d(X[None, None], 2).sum().backward()
    expected = torch.zeros(4, 4)
    for r, c in [(1, 0), (0, 3), (2, 1), (3, 3)]:  # where 4, 3, 3 and 5 sit
        expected[r, c] = 1.0
    assert torch.equal(X.grad, expected)


# --- the receptive field ---


def test_receptive_field_formula_and_measurement(page) -> None:
    footprints, stack = page["footprints"], page["stack"]
    r, j, fields = 1, 1, []
    for _, k, s in stack:
        r, j = r + (k - 1) * j, j * s
        fields.append(r)
    assert fields == [3, 5, 6, 10, 14, 16]
    for footprint, field in zip(footprints, fields):
        assert (footprint != 0).any(dim=1).sum().item() == field
        assert (footprint != 0).any(dim=0).sum().item() == field
        assert (footprint >= 0).all()
        middle = footprint.argmax()  # darkest in the middle: the most paths
        rows = (footprint != 0).any(dim=1).nonzero()[:, 0]
        assert rows[0] <= middle // 32 <= rows[-1]
    assert footprints[-1].max() > 2 * footprints[-1][footprints[-1] > 0].min()
    view = page["view"]  # the figure shows only part of the input: every field lies inside it
    assert (view.stop - view.start) == 20 and page["size"] == 32 and footprints[0].shape == (32, 32)  # "20 x 20 of 32 x 32"
    for footprint in footprints:
        assert footprint[view, view].count_nonzero() == footprint.count_nonzero()


# --- weight sharing ---


def test_parameter_counts_and_equivariance(page) -> None:
    count = page["num_params"]
    assert count(page["conv"]) == 8 * (1 * 3 * 3 + 1) == 80
    assert count(page["dense"]) == 784 * 6272 + 6272 == 4_923_520
    assert round(count(page["dense"]) / count(page["conv"])) == 61_544
    assert page["conv_shift"] is True and page["dense_shift"] is False


# --- exercises ---


def test_exercise_one_by_one() -> None:
    ns = run("exercise_one_by_one")
    torch.testing.assert_close(ns["Y_conv"], ns["Y_linear"])
    assert sum(p.numel() for p in ns["conv1x1"].parameters()) == sum(p.numel() for p in ns["linear"].parameters()) == 28


def test_exercise_dilation() -> None:
    ns = run("exercise_dilation")
    assert ns["checked"] == 392


def test_exercise_stacked() -> None:
    ns = run("exercise_stacked")
    rf = ns["receptive_field"]
    assert rf(ns["two_3x3"]) == rf(ns["one_5x5"]) == 5
    assert sum(p.numel() for p in ns["two_3x3"].parameters()) == 73_856
    assert sum(p.numel() for p in ns["one_5x5"].parameters()) == 102_464
