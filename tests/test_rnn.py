"""What the chapter "Recurrent networks" claims: our RNN, GRU and LSTM cells match torch's, forward and backward;
the shapes, the "hello" task, the gradients through time and clipping behave as the page says."""
from __future__ import annotations

import math

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from conftest import run_snippet
from pagerun import page_globals
from torchsteps.rnn import check_step, gru_cell, lstm_cell, rnn_cell

PAGE = "structure/rnn.md"
NAMES = ["weight_ih", "weight_hh", "bias_ih", "bias_hh"]


@pytest.fixture(scope="module")
def page() -> dict:
    return page_globals(PAGE)


def leaf_copies(module: nn.Module, suffix: str = "") -> list[torch.Tensor]:
    """The module's four weight tensors as fresh leaves with the same numbers."""
    return [getattr(module, n + suffix).detach().clone().requires_grad_() for n in NAMES]


def inputs(*shapes: tuple[int, ...]) -> list[torch.Tensor]:
    return [torch.randn(*s, requires_grad=True) for s in shapes]


def assert_grads_match(loss_ours, ours, loss_torch, theirs) -> None:
    for g_ours, g_torch in zip(torch.autograd.grad(loss_ours, ours), torch.autograd.grad(loss_torch, theirs)):
        torch.testing.assert_close(g_ours, g_torch)


# --- the cells against torch, forward and backward ---


@pytest.mark.parametrize("batch_size", [1, 3])
def test_rnn_cell_matches_nn_rnncell(batch_size) -> None:
    torch.manual_seed(1)
    cell = nn.RNNCell(4, 5)
    weights = leaf_copies(cell)
    x, h = inputs((batch_size, 4), (batch_size, 5))
    ours, theirs = rnn_cell(x, h, *weights), cell(x, h)
    torch.testing.assert_close(ours, theirs)
    w = torch.randn_like(ours)
    assert_grads_match((w * ours).sum(), [x, h, *weights], (w * theirs).sum(), [x, h, *(getattr(cell, n) for n in NAMES)])


@pytest.mark.parametrize("batch_size", [1, 3])
def test_gru_cell_matches_nn_grucell(batch_size) -> None:
    torch.manual_seed(2)
    cell = nn.GRUCell(4, 5)
    weights = leaf_copies(cell)
    x, h = inputs((batch_size, 4), (batch_size, 5))  # a nonzero h, so the reset gate matters
    ours, theirs = gru_cell(x, h, *weights), cell(x, h)
    torch.testing.assert_close(ours, theirs)
    w = torch.randn_like(ours)
    assert_grads_match((w * ours).sum(), [x, h, *weights], (w * theirs).sum(), [x, h, *(getattr(cell, n) for n in NAMES)])


@pytest.mark.parametrize("batch_size", [1, 3])
def test_lstm_cell_matches_nn_lstmcell(batch_size) -> None:
    torch.manual_seed(3)
    cell = nn.LSTMCell(4, 5)
    weights = leaf_copies(cell)
    x, h, c = inputs((batch_size, 4), (batch_size, 5), (batch_size, 5))
    (h_ours, c_ours), (h_torch, c_torch) = lstm_cell(x, (h, c), *weights), cell(x, (h, c))
    torch.testing.assert_close(h_ours, h_torch)
    torch.testing.assert_close(c_ours, c_torch)
    w, v = torch.randn_like(h_ours), torch.randn_like(c_ours)
    assert_grads_match(
        (w * h_ours).sum() + (v * c_ours).sum(), [x, h, c, *weights],
        (w * h_torch).sum() + (v * c_torch).sum(), [x, h, c, *(getattr(cell, n) for n in NAMES)],
    )


def test_unrolled_rnn_cell_matches_nn_rnn_with_a_start_state() -> None:
    torch.manual_seed(4)
    rnn = nn.RNN(3, 4, batch_first=True)
    weights = leaf_copies(rnn, "_l0")
    X, h0 = inputs((2, 7, 3), (2, 4))
    h, hs = h0, []
    for t in range(7):
        h = rnn_cell(X[:, t], h, *weights)
        hs.append(h)
    ours = torch.stack(hs, dim=1)  # (B, T, H)
    output, h_n = rnn(X, h0.unsqueeze(0))
    torch.testing.assert_close(ours, output)
    torch.testing.assert_close(h, h_n[0])
    w = torch.randn_like(ours)
    assert_grads_match(
        (w * ours).sum(), [X, h0, *weights], (w * output).sum(), [X, h0, *(getattr(rnn, n + "_l0") for n in NAMES)]
    )


def test_page_unrolling_agrees_to_float32_rounding() -> None:
    ns = run_snippet("rnn/against_torch.py")
    assert ns["output_ours"].shape == (3, 5, 6)  # "a batch of 3 sequences of length 5"
    assert (ns["output_ours"] - ns["output_cell"]).abs().max().item() < 1e-6
    assert (ns["output_ours"] - ns["output"]).abs().max().item() < 1e-6
    for g_ours, g_torch in zip(ns["grads_ours"], ns["grads_torch"]):
        assert (g_ours - g_torch).abs().max().item() < 1e-5


# --- the worked example ---


def test_worked_example_numbers(page) -> None:
    W_xh, W_hh, b = torch.tensor([[0.5], [-1.0]]), torch.tensor([[0.1, 0.4], [-0.3, 0.2]]), torch.tensor([0.0, 0.1])
    h1 = torch.tanh(W_xh[:, 0] * 1.0 + b)
    torch.testing.assert_close(W_xh[:, 0] * 1.0 + b, torch.tensor([0.5, -0.9]))
    torch.testing.assert_close(h1, torch.tensor([0.4621, -0.7163]), atol=5e-5, rtol=0)
    torch.testing.assert_close(W_hh @ h1, torch.tensor([-0.2403, -0.2819]), atol=5e-5, rtol=0)
    a2 = W_xh[:, 0] * 2.0 + W_hh @ h1 + b
    torch.testing.assert_close(a2, torch.tensor([0.7597, -2.1819]), atol=5e-5, rtol=0)
    torch.testing.assert_close(torch.tanh(a2), torch.tensor([0.6409, -0.9749]), atol=5e-5, rtol=0)
    torch.testing.assert_close(run_snippet("rnn/worked_example.py")["h"], torch.tanh(a2).unsqueeze(0))  # the page's h_2


# --- shapes ---


def test_output_and_h_n_shapes(page) -> None:
    assert page["output2"].shape == (2, 5, 4) and page["h_n2"].shape == (2, 2, 4)
    assert torch.equal(page["output2"][:, -1], page["h_n2"][-1])
    assert not torch.allclose(page["output2"][:, -1], page["h_n2"][0])
    torch.manual_seed(0)
    rnn = nn.RNN(3, 4, batch_first=True)
    output, h_n = rnn(torch.randn(2, 5, 3))
    assert output.shape == (2, 5, 4) and h_n.shape == (1, 2, 4)
    assert torch.equal(output[:, -1], h_n[-1])
    assert page["rnn2"].weight_ih_l1.shape == (4, 4)


def test_h0_must_have_the_layer_dimension_first() -> None:
    rnn = nn.RNN(3, 4, batch_first=True)
    rnn(torch.randn(2, 5, 3), torch.zeros(1, 2, 4))  # (num_layers, B, H): right
    with pytest.raises(RuntimeError):
        rnn(torch.randn(2, 5, 3), torch.zeros(2, 1, 4))  # (B, num_layers, H): fails once batch_size > 1
    rnn(torch.randn(1, 5, 3), torch.zeros(1, 1, 4))  # both 1: the wrong layout happens to be right
    torch.manual_seed(5)
    rnn2, X = nn.RNN(3, 4, num_layers=2, batch_first=True), torch.randn(2, 5, 3)
    h0 = torch.randn(2, 2, 4)  # (num_layers, B, H)
    wrong, _ = rnn2(X, h0.transpose(0, 1).contiguous())  # built as (B, num_layers, H): no error when B == num_layers
    right, _ = rnn2(X, h0)
    assert not torch.allclose(wrong, right)  # "silently mixes up samples and layers"


# --- hihell -> ihello ---


def test_hello_with_one_hot_inputs(page) -> None:
    assert run_snippet("rnn/hello_onehot.py")["X"].shape == (1, 6, 5)  # (B, T, C)
    assert page["history"][-1] == "ihello"
    losses = page["losses"]
    assert all(b < a for a, b in zip(losses, losses[1:]))  # "the loss falls every epoch"


def test_hello_with_an_embedding(page) -> None:
    assert page["history_embedding"][-1] == "ihello"
    losses = page["losses_embedding"]
    assert all(b < a for a, b in zip(losses, losses[1:]))
    with torch.no_grad():  # still right after the last update
        y_hat = page["model"](page["X_idx"].unsqueeze(0))[0]
    assert "".join(page["chars"][i] for i in y_hat.argmax(dim=1).tolist()) == "ihello"
    assert page["embedding"].weight.shape == (5, 10)


@pytest.mark.parametrize("name", ["history", "history_embedding"])
def test_the_first_character_comes_right_last(page, name) -> None:
    history = page[name]
    last_wrong = [p for p in history if p != "ihello"][-1]
    assert last_wrong[1:] == "hello" and last_wrong[0] != "i"


def test_embedding_is_one_hot_times_table() -> None:
    torch.manual_seed(0)
    embedding = nn.Embedding(5, 3)
    codes = torch.tensor([[0, 4, 2, 2]])
    torch.testing.assert_close(embedding(codes), F.one_hot(codes, 5).float() @ embedding.weight)


# --- vanishing and exploding gradients, clipping ---


def test_settings_the_prose_quotes() -> None:
    ns = run_snippet("rnn/gradients.py")
    assert (ns["seq_len"], ns["hidden_size"], ns["scales"]) == (100, 32, (0.5, 3.0))  # T = 100, H = 32, s = 0.5 and 3
    assert run_snippet("rnn/gru_lstm.py")["seq_len"] == 4  # "unrolled over 4 steps"


def test_gradients_vanish_for_a_small_w_hh(page) -> None:
    n = page["norms"][0.5]
    assert n.shape == (100,) and n.dtype == torch.float64
    assert n[99] / n[89] > 1000  # "more than a thousand times smaller"
    assert f"{n[0].item():.1e}" == "2.8e-36" and f"{n[99].item():.1e}" == "9.7e-01"  # the numbers the prose quotes
    assert 1e35 <= n[99] / n[0] < 1e36  # "35 orders of magnitude below"
    assert (n > 0).all() and (n[1:] > n[:-1]).float().mean() > 0.9  # no zeros; nearly straight on the log plot


def test_gradients_explode_for_a_large_w_hh(page) -> None:
    n = page["norms"][3.0]
    assert 1e11 < n[0] < 1e12 and f"{n[99].item():.1e}" == "3.2e-01"  # "a few times 1e+11": the digits vary by machine
    assert 1e11 < n[0] / n[99] < 1e12  # "more than eleven orders of magnitude"
    assert (n > 0).all()


def test_a_float32_norm_would_underflow_where_the_gradient_does_not() -> None:
    torch.manual_seed(0)
    rnn = nn.RNN(4, 32, batch_first=True)
    with torch.no_grad():
        rnn.weight_hh_l0.copy_(0.5 * torch.randn(32, 32) / 32**0.5)  # as gradients.py does for scale 0.5
    X = torch.randn(1, 100, 4, requires_grad=True)
    rnn(X)[1][-1].sum().backward()
    g = X.grad[0]  # (T, I), float32
    assert (g[0] != 0).all()  # the gradient itself did not underflow
    assert g[0].norm().item() == 0.0  # but its float32 norm reads 0.0
    assert torch.tensor(1e-30) ** 2 == 0  # "the square of 1e-30 is below the smallest positive float32"
    torch.testing.assert_close(g.double().norm(dim=1), torch.linalg.vector_norm(g, dim=1, dtype=torch.float64))


def test_default_init_is_on_the_vanishing_side() -> None:
    torch.manual_seed(0)
    W_hh = nn.RNN(4, 256).weight_hh_l0.detach()
    v = torch.randn(256, 1000)
    stretch = ((W_hh @ v).norm(dim=0) / v.norm(dim=0)).mean().item()
    assert stretch == pytest.approx(1 / math.sqrt(3), abs=0.02)
    assert 1 / math.sqrt(3) == pytest.approx(0.58, abs=0.005)


def test_clipping_rescales_to_max_norm_and_keeps_direction(page) -> None:
    for scale, (before, after) in page["clipped"].items():
        assert before > 1.0  # both were above max_norm = 1
        assert after == pytest.approx(1.0, abs=1e-4)  # "both leave with norm 1"
    _, rnn = page["gradient_norms"](3.0)
    g = torch.cat([p.grad.flatten() for p in rnn.parameters()]).clone()
    total = torch.nn.utils.clip_grad_norm_(rnn.parameters(), max_norm=1.0)
    clipped = torch.cat([p.grad.flatten() for p in rnn.parameters()])
    torch.testing.assert_close(total, g.norm())
    torch.testing.assert_close(clipped, g * min(1.0, 1.0 / g.norm().item()), rtol=1e-5, atol=0)
    assert F.cosine_similarity(g, clipped, dim=0).item() == pytest.approx(1.0, abs=1e-6)


def test_clipping_leaves_a_small_gradient_alone() -> None:
    p = nn.Parameter(torch.zeros(3))
    p.grad = torch.tensor([0.1, -0.2, 0.2])
    torch.nn.utils.clip_grad_norm_([p], max_norm=1.0)
    torch.testing.assert_close(p.grad, torch.tensor([0.1, -0.2, 0.2]))


# --- bad input ---


def test_bad_shapes_name_the_argument() -> None:
    torch.manual_seed(0)
    rnn, lstm = nn.RNNCell(5, 6), nn.LSTMCell(5, 6)
    w_rnn, w_lstm = leaf_copies(rnn), leaf_copies(lstm)
    x, h = torch.randn(2, 5), torch.zeros(2, 6)
    cases = [
        (lambda: rnn_cell(torch.randn(5), torch.zeros(1, 6), *w_rnn), r"^x must .*x\.unsqueeze\(0\)"),
        (lambda: rnn_cell(torch.randn(2, 4), h, *w_rnn), r"^x must have shape \(batch, input_size\) = \(batch, 5\)"),
        (lambda: rnn_cell(x, torch.zeros(2, 4), *w_rnn), r"^h must have shape \(2, 6\)"),
        (lambda: rnn_cell(x, torch.zeros(3, 6), *w_rnn), r"^h must"),
        (lambda: rnn_cell(x, h, w_rnn[0][:, :4], *w_rnn[1:]), r"^x must"),  # x no longer fits weight_ih
        (lambda: rnn_cell(x, h, w_rnn[0][:5], *w_rnn[1:]), r"^weight_ih must"),
        (lambda: rnn_cell(x, h, w_rnn[0], w_rnn[1][:, :5], *w_rnn[2:]), r"^weight_hh must"),
        (lambda: rnn_cell(x, h, *w_rnn[:2], w_rnn[2][:5], w_rnn[3]), r"^bias_ih must"),
        (lambda: gru_cell(x, h, *w_rnn), r"^weight_hh must .*nn\.GRUCell"),
        (lambda: lstm_cell(x, (h, h), *w_rnn), r"^weight_hh must .*nn\.LSTMCell"),
        (lambda: lstm_cell(x, (h, torch.zeros(2, 5)), *w_lstm), r"^c must"),
        (lambda: check_step(x, h, *w_rnn, gates=2), r"^gates must"),
    ]
    for call, message in cases:
        with pytest.raises(ValueError, match=message):
            call()


def test_wrong_types_raise_type_error() -> None:
    cell = nn.LSTMCell(5, 6)
    weights = leaf_copies(cell)
    x, h = torch.randn(2, 5), torch.zeros(2, 6)
    with pytest.raises(TypeError, match="state must be a pair"):
        lstm_cell(x, h, *weights)
    with pytest.raises(TypeError, match="^x must be a torch.Tensor"):
        rnn_cell([[0.0] * 5], h, *leaf_copies(nn.RNNCell(5, 6)))


def test_page_prints_the_errors(page) -> None:
    assert len(page["attempts"]) == 3
    for attempt in page["attempts"].values():
        with pytest.raises(ValueError, match=r"^(x|h|weight_hh) must have shape"):
            attempt()


# --- exercises ---


def test_exercise_no_memory_reaches_4_of_6() -> None:
    ns = page_globals(PAGE, "no_memory")
    assert ns["correct"] == 4
    floor = 4 / 6 * math.log(2)
    assert floor == pytest.approx(0.462, abs=5e-4)
    assert floor - 1e-6 <= ns["loss"].item() < floor + 0.01


def test_exercise_gru_reset_gate_placement() -> None:
    ns = page_globals(PAGE, "gru_variant")
    x, h, weights, torch_h = ns["x"], ns["h"], ns["weights"], ns["torch_h"]
    with torch.no_grad():
        assert (ns["gru_cell"](x, h, *weights) - torch_h).abs().max().item() < 1e-6
        assert (ns["gru_cell_reset_first"](x, h, *weights) - torch_h).abs().max().item() > 0.01  # far beyond rounding


def test_exercise_lstm_gradients(page) -> None:
    default, biased = page["lstm_norms"]["default init"], page["lstm_norms"]["forget bias 3"]
    assert default.dtype == torch.float64
    assert 1e-23 < default[0].item() < 1e-21  # "to about 10^-22"
    assert biased[99] / biased[0] < 10  # "within an order of magnitude"
    assert torch.sigmoid(torch.tensor(3.0)).item() == pytest.approx(0.95, abs=0.005)
