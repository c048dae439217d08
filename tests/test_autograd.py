"""What the Backpropagation and autograd chapter claims, asserted on its own snippets."""
from __future__ import annotations

import math
from pathlib import Path

import pytest
import torch

from conftest import run_snippet, snippet_output

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = ROOT / "snippets" / "autograd"


def run(name: str) -> dict:
    return run_snippet(f"autograd/{name}")


def t(value: float) -> torch.Tensor:
    return torch.tensor(value)


def test_first_graph_forward_and_backward_by_hand_have_the_stated_numbers():
    g = run("chain_rule_by_hand.py")
    assert (g["x"], g["w"], g["y"]) == (2.0, 1.0, 4.5)
    assert (g["y_hat"], g["r"], g["loss"]) == (2.0, -2.5, 6.25)
    assert (g["local_r"], g["local_y_hat"], g["local_w"]) == (-5.0, 1.0, 2.0)
    assert (g["grad_r"], g["grad_y_hat"], g["grad_w"]) == (-5.0, -5.0, -10.0)
    assert g["grad_w"] == 2 * (g["x"] * g["w"] - g["y"]) * g["x"]  # the gradient-descent formula 2(xw - y)x


def test_first_graph_hand_gradient_equals_autograd():
    hand = run("chain_rule_by_hand.py")
    g = run("autograd_basics.py")
    torch.testing.assert_close(g["w"].grad, t(hand["grad_w"]))
    torch.testing.assert_close(g["loss"].detach(), t(hand["loss"]))
    assert not g["x"].requires_grad and g["w"].requires_grad and g["loss"].requires_grad


@pytest.mark.parametrize("seed", range(5))
def test_chain_rule_formula_equals_autograd_at_random_points(seed):
    torch.manual_seed(seed)
    x, y = torch.randn(2, dtype=torch.float64)
    w, w1, w2 = (torch.randn((), dtype=torch.float64, requires_grad=True) for _ in range(3))  # leaves
    ((x * w - y) ** 2).backward()
    torch.testing.assert_close(w.grad, 2 * (x * w.detach() - y) * 1.0 * x)  # 2r * 1 * x
    loss = (w2 * torch.sigmoid(w1 * x) - y) ** 2
    loss.backward()
    h = torch.sigmoid(w1.detach() * x)
    r = w2.detach() * h - y
    torch.testing.assert_close(w2.grad, 2 * r * h)
    torch.testing.assert_close(w1.grad, 2 * r * w2.detach() * h * (1 - h) * x)


def test_grad_fn_chain_names_the_recorded_operations():
    g = run("autograd_basics.py")
    pow_fn = g["loss"].grad_fn
    sub_fn = pow_fn.next_functions[0][0]
    mul_fn = sub_fn.next_functions[0][0]
    assert type(pow_fn).__name__ == "PowBackward0"
    assert type(sub_fn).__name__ == "SubBackward0" and sub_fn.next_functions[1][0] is None  # y needs no gradient
    assert type(mul_fn).__name__ == "MulBackward0" and mul_fn.next_functions[0][0] is None  # nor does x
    assert type(g["accumulate"]).__name__ == "AccumulateGrad" and g["accumulate"].variable is g["w"]


def test_two_layer_by_hand_has_the_stated_numbers():
    g = run("two_layer.py")
    assert (g["z"], g["h"], g["y_hat"], g["r"]) == (0.0, 0.5, 1.0, -1.0)
    assert g["h"] * (1 - g["h"]) == 0.25  # sigmoid'(0), its largest value
    assert (g["grad_r"], g["grad_y_hat"], g["grad_w2"]) == (-2.0, -2.0, -1.0)
    assert (g["grad_h"], g["grad_z"], g["grad_w1"]) == (-4.0, -1.0, -2.0)
    z = torch.linspace(-5, 5, 101)
    assert (torch.sigmoid(z) * (1 - torch.sigmoid(z))).max().item() == pytest.approx(0.25, abs=1e-6)


def test_two_layer_hand_gradients_equal_autograd():
    g = run("two_layer.py")
    torch.testing.assert_close(g["w1"].grad, t(g["grad_w1"]))
    torch.testing.assert_close(g["w2"].grad, t(g["grad_w2"]))
    torch.testing.assert_close(g["loss"].detach(), t(1.0))


def test_figures_show_the_values_the_hand_computation_gives():
    hand, fig = run("chain_rule_by_hand.py"), run("loss_graph.py")
    for key in ("loss", "r", "y_hat", "w"):
        assert fig["backward"][key].grad == hand[f"grad_{key}"]
    for key in ("x", "w", "y", "y_hat", "r", "loss"):
        assert fig["forward"][key].value == hand[key]
    hand, fig = run("two_layer.py"), run("two_layer_graph.py")
    for key in ("w1", "z", "h", "w2", "y_hat", "r"):
        assert fig["nodes"][key].grad == hand[f"grad_{key}"], key
    for key in ("x", "w1", "z", "h", "w2", "y_hat", "y", "r", "loss"):
        number = hand[key].item() if isinstance(hand[key], torch.Tensor) else hand[key]  # w1, w2, loss end as tensors
        assert fig["nodes"][key].value == number, key


def test_gradients_accumulate_double_then_reset(capsys):
    g = run("accumulate.py")
    out = capsys.readouterr().out
    assert "call 1: w.grad = -10.0" in out and "call 2: w.grad = -20.0" in out and "call 3: w.grad = -30.0" in out
    assert "after zero_(): tensor(0.)" in out
    torch.testing.assert_close(g["w"].grad, t(-10.0))  # after setting to None, one call gives -10 again
    w = torch.tensor(1.0, requires_grad=True)
    for _ in range(2):
        ((2.0 * w - 4.5) ** 2).backward()
    torch.testing.assert_close(w.grad, 2 * t(-10.0))


def test_no_grad_set_grad_enabled_detach_and_the_update():
    g = run("no_grad.py")
    assert not g["y_hat"].requires_grad and g["y_hat"].grad_fn is None
    assert not g["w_value"].requires_grad and g["w_value"].data_ptr() == g["w"].data_ptr()
    torch.testing.assert_close(g["w"].detach(), t(2.0))  # 1 - 0.1 * (-10)
    assert g["w"].is_leaf and g["w"].requires_grad and g["w"].grad is None
    w = torch.tensor(1.0, requires_grad=True)
    with pytest.raises(RuntimeError, match="leaf Variable that requires grad"):
        w -= 0.1  # the in-place update outside no_grad is refused, as the page says
    assert g["w"].item() == 2.0  # the refused update in the collapsed block left w as it was


def test_second_backward_raises_and_retain_graph_allows_it(capsys):
    g = run("retain_graph.py")
    out = capsys.readouterr().out
    assert out.startswith("RuntimeError: Trying to backward through the graph a second time")
    torch.testing.assert_close(g["w"].grad, t(-20.0))
    w = torch.tensor(1.0, requires_grad=True)
    loss = (2.0 * w - 4.5) ** 2
    loss.backward()
    with pytest.raises(RuntimeError, match="backward through the graph a second time"):
        loss.backward()


def test_finite_differences_float32_is_off_float64_is_exact_and_gradcheck_passes():
    g = run("gradcheck.py")
    f = g["two_layer_loss"]
    slopes = {}
    for dtype in (torch.float32, torch.float64):
        w1, w2, x, y = (torch.tensor(v, dtype=dtype) for v in (0.0, 2.0, 2.0, 2.0))
        slopes[dtype] = ((f(w1 + 1e-6, w2, x, y) - f(w1 - 1e-6, w2, x, y)) / 2e-6).item()
    assert 0.01 < abs(slopes[torch.float32] + 2) < 0.1  # "off in the second decimal place"
    assert abs(slopes[torch.float64] + 2) < 1e-9  # "an error near 1e-10": prints as -2.00000000
    assert torch.autograd.gradcheck(f, g["inputs"], eps=1e-6, atol=1e-5)


def test_gradcheck_catches_a_wrong_backward():
    class WrongSquare(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return x**2

        @staticmethod
        def backward(ctx, grad_output):
            (x,) = ctx.saved_tensors
            return grad_output * x  # should be 2x

    x = torch.randn(3, dtype=torch.float64, requires_grad=True)
    assert not torch.autograd.gradcheck(WrongSquare.apply, (x,), raise_exception=False)
    with pytest.raises(RuntimeError, match="Jacobian mismatch for output 0 with respect to input 0") as error:
        torch.autograd.gradcheck(WrongSquare.apply, (x,))
    assert "numerical" in str(error.value) and "analytical" in str(error.value)  # both versions shown


def test_exercise_bias_gradients():
    g = run("exercise_bias.py")
    assert (g["r"], g["grad_w"], g["grad_b"]) == (-2.0, -8.0, -4.0)
    torch.testing.assert_close(g["w_t"].grad, t(-8.0))
    torch.testing.assert_close(g["b_t"].grad, t(-4.0))


def test_exercise_sigmoid_derivative_peaks_at_a_quarter():
    g = run("exercise_sigmoid.py")
    torch.testing.assert_close(g["z"].grad, g["formula"])
    assert g["z"].grad.argmax().item() == 4 and g["z"].grad.max().item() == pytest.approx(0.25)
    assert g["z"].grad[0].item() < 0.02 and math.isclose(g["z"].grad[0].item(), g["z"].grad[-1].item(), rel_tol=1e-5)


def test_exercise_half_batches_accumulate_to_the_whole_batch(capsys):
    assert "equal: True" in snippet_output("autograd/exercise_batches.py", capsys)  # sum loss: halves add up
    g = run("exercise_batches.py")
    torch.testing.assert_close(g["whole"], 2 * (g["X"] * (g["X"] * 1.0 - g["y"])).sum())
    torch.testing.assert_close(g["unscaled"], 2 * g["whole_mean"])  # unscaled halves of a mean loss: twice too large
    torch.testing.assert_close(g["w"].grad, g["whole_mean"])  # scaled by their share: the whole batch's gradient
