"""The gradient descent chapter: hand gradients equal autograd's, descent reaches least squares, and the prose numbers hold."""
from __future__ import annotations

from pathlib import Path

import pytest
import torch

from conftest import run_snippet, snippet_output

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = ROOT / "snippets" / "gradient_descent"


def run(name: str) -> dict:
    return run_snippet(f"gradient_descent/{name}")


def printed(name: str, capsys: pytest.CaptureFixture) -> str:
    return snippet_output(f"gradient_descent/{name}", capsys)


@pytest.fixture(scope="module")
def batch() -> dict:
    return run("batch_sizes.py")


def least_squares(X: torch.Tensor, y: torch.Tensor) -> tuple[float, float]:
    A = torch.stack([X, torch.ones_like(X)], dim=1)  # (N, 2)
    w, b = torch.linalg.lstsq(A.double(), y.double().unsqueeze(1)).solution.squeeze(1).tolist()
    return w, b


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_hand_gradients_equal_autograd(seed: int) -> None:
    gradient_w = run("gradient.py")["gradient_w"]
    gradients = run("fit_w_b.py")["gradients"]
    generator = torch.Generator().manual_seed(seed)
    X = torch.randn(50, generator=generator, dtype=torch.float64)
    y = torch.randn(50, generator=generator, dtype=torch.float64)
    w = torch.randn((), generator=generator, dtype=torch.float64, requires_grad=True)
    b = torch.randn((), generator=generator, dtype=torch.float64, requires_grad=True)

    ((X * w + b - y) ** 2).mean().backward()
    grad_w, grad_b = gradients(X, y, w.detach(), b.detach())
    torch.testing.assert_close(grad_w, w.grad)
    torch.testing.assert_close(grad_b, b.grad)

    w_only = w.detach().clone().requires_grad_(True)
    ((X * w_only - y) ** 2).mean().backward()
    torch.testing.assert_close(gradient_w(X, y, w_only.detach()), w_only.grad)


def test_worked_example_numbers() -> None:
    ns = run("gradient.py")
    X, y, gradient_w = ns["X"], ns["y"], ns["gradient_w"]
    assert (X * y).sum().item() == pytest.approx(202.5)
    assert gradient_w(X, y, 0.0).item() == pytest.approx(-67.5)
    assert gradient_w(X, y, 2.0).item() == pytest.approx(-6.8333, abs=1e-4)
    assert gradient_w(X, y, 2.5).item() == pytest.approx(8.3333, abs=1e-4)
    assert 0 - 0.01 * gradient_w(X, y, 0.0).item() == pytest.approx(0.675)


def test_descent_on_w_reaches_the_minimum() -> None:
    ns = run("descend.py")
    X, y = ns["X"], ns["y"]
    w_star = ((X * y).sum() / (X * X).sum()).item()
    assert ns["w"].item() == pytest.approx(2.2237, abs=1e-4)
    assert abs(ns["w"].item() - w_star) < 0.002
    loss = ns["loss_fn"](ns["model"](X, ns["w"]), y).item()
    assert loss == pytest.approx(0.4804, abs=1e-4)
    assert loss < 0.4806  # below the grid's best, which is tied to multiples of 0.01


def test_learning_rates(capsys: pytest.CaptureFixture) -> None:
    out = printed("learning_rates.py", capsys)
    ns = run("learning_rates.py")
    X, y, curvature, paths = ns["X"], ns["y"], ns["curvature"].item(), ns["paths"]
    w_star = ((X * y).sum() / (X * X).sum()).item()
    assert curvature == pytest.approx(30.3333, abs=1e-4)
    assert 2 / curvature == pytest.approx(0.0659, abs=1e-4)
    factors = {name: 1 - lr * curvature for name, lr in ns["learning_rates"].items()}
    assert factors == {"too small": pytest.approx(0.848, abs=1e-3), "good": pytest.approx(0.242, abs=1e-3), "too large": pytest.approx(-1.123, abs=1e-3)}
    # Each step multiplies the distance to w* by exactly 1 - lr * c.
    for name, path in paths.items():
        distance = (path - w_star).double()
        far = distance[:-1].abs() > 1e-2  # float32 rounding swamps the ratio once w is almost at w*
        ratios = (distance[1:] / distance[:-1])[far]
        torch.testing.assert_close(ratios, torch.full_like(ratios, factors[name]), atol=1e-3, rtol=0)

    def losses(path: torch.Tensor) -> torch.Tensor:
        return ((path[:, None] * X - y) ** 2).mean(dim=1)

    too_large = losses(paths["too large"])
    assert (too_large[1:] > too_large[:-1]).all()  # diverges: the loss grows at every step
    assert too_large[-1].item() == pytest.approx(769.31, abs=0.01)
    assert too_large[5].item() == pytest.approx(240.77, abs=0.01)
    assert paths["too small"][-1].item() == pytest.approx(1.796, abs=1e-3)
    assert abs(paths["good"][-1].item() - w_star) < 1e-3
    assert "too large (lr = 0.07): factor -1.123, w =  -4.895, loss 75.58 -> 240.77 -> 769.31" in out


def test_descent_on_w_and_b_reaches_the_closed_form(capsys: pytest.CaptureFixture) -> None:
    out = printed("fit_w_b.py", capsys)
    ns = run("fit_w_b.py")
    X, y = ns["X"], ns["y"]
    w_ls, b_ls = least_squares(X, y)
    assert ns["w"].item() == pytest.approx(w_ls, abs=1e-3)
    assert ns["b"].item() == pytest.approx(b_ls, abs=1e-3)
    assert (ns["w_star"].item(), ns["b_star"].item()) == (pytest.approx(w_ls, abs=1e-5), pytest.approx(b_ls, abs=1e-5))
    assert (w_ls, b_ls) == (pytest.approx(1.9714, abs=1e-4), pytest.approx(1.1, abs=1e-4))
    assert ((X - 3.5) * (y - 8)).sum().item() == pytest.approx(34.5) and ((X - 3.5) ** 2).sum().item() == pytest.approx(17.5)
    path = ns["path"]
    assert path[1][0].item() == pytest.approx(3.375)  # the first step overshoots
    w10, b10 = (v.item() for v in path[10])
    assert abs(w10 - w_ls) < 0.11 and 0.4 < b10 / b_ls < 0.6  # w close, b only halfway
    assert abs(path[300][1].item() - b_ls) < 0.01 and abs(path[100][1].item() - b_ls) > 0.01
    assert ns["steps_to_settle"] == 223  # "about 220 steps"
    assert abs(path[222][1].item() - b_ls) >= 0.01 and all(abs(b.item() - b_ls) < 0.01 for _, b in path[223:])
    assert "step 1000: w = 1.9714, b = 1.1000, loss = 0.2476" in out
    assert "closed form: w = 1.9714, b = 1.1000" in out


def test_batch_minibatch_and_sgd(batch: dict, capsys: pytest.CaptureFixture) -> None:
    X, y, train = batch["X_big"], batch["y_big"], batch["train"]
    assert X.shape == y.shape == (1000,) and 0 <= X.min() and X.max() <= 8
    curves = batch["curves"]
    steps = {name: len(curve) - 1 for name, curve in curves.items()}
    assert steps == {"batch GD": 10, "mini-batch": 320, "SGD": 10_000}
    final = {name: curve[-1].item() for name, curve in curves.items()}
    last_epoch = {name: curve[-(steps[name] // 10) :].mean().item() for name, curve in curves.items()}
    assert all(loss < 1.1 for loss in final.values())  # the stated bar
    assert all(loss < 1.3 for loss in last_epoch.values())
    assert batch["best_loss"].item() == pytest.approx(0.9493, abs=1e-4)
    assert final["batch GD"] == pytest.approx(1.0518, abs=1e-4)
    assert last_epoch["SGD"] == pytest.approx(1.2701, abs=1e-4)
    assert last_epoch["mini-batch"] == min(last_epoch.values())
    assert last_epoch["SGD"] > final["batch GD"]  # SGD bounces around above where batch GD stopped
    assert curves["SGD"][1000:].max().item() > 4  # "up to more than 4"
    assert curves["mini-batch"][32:].max().item() < 1.2  # settles after its first epoch
    assert batch["w_star"].item() == pytest.approx(1.993, abs=1e-3) and batch["b_star"].item() == pytest.approx(1.062, abs=1e-3)
    w, b, _ = train(X, y, 1000, 0.01, 10)
    assert b.item() == pytest.approx(0.429, abs=1e-3)  # batch GD's b is still far from 1.062
    # Every variant keeps descending to the least-squares line given more epochs.
    w_ls, b_ls = least_squares(X, y)
    w, b, _ = train(X, y, 32, 0.005, 30)
    assert abs(w.item() - w_ls) < 0.05 and abs(b.item() - b_ls) < 0.15


def test_sgd_takes_the_longest(capsys: pytest.CaptureFixture) -> None:
    rows = [line for line in printed("batch_sizes.py", capsys).splitlines() if line.startswith("| ") and "---" not in line]
    seconds = {row.split("|")[1].strip(): float(row.split("|")[4]) for row in rows[1:4]}
    assert seconds["SGD"] > seconds["batch GD"] and seconds["SGD"] > seconds["mini-batch"]


def test_saddle_point() -> None:
    ns = run("saddle.py")
    plain, noisy, saddle = ns["plain"], ns["noisy"], ns["saddle"]
    assert len(plain) == 101 and all(point[1].item() == 0.0 for point in plain)  # never leaves y = 0
    assert plain[-1].norm().item() < 1e-6  # stuck at the saddle, where the slope is zero
    assert len(noisy) - 1 == 59 and noisy[-1][1].abs().item() > 1  # escaped
    assert saddle(noisy[-1]).item() < saddle(plain[-1]).item() - 1
    assert 1 + 2 * ns["lr"] == pytest.approx(1.2)


def test_exercise_one_step() -> None:
    ns = run("exercise_one_step.py")
    assert ns["lr"].item() == pytest.approx(0.0330, abs=1e-4)
    for start in (0.0, 5.0, -3.0):
        w = torch.tensor(start)
        torch.testing.assert_close(w - ns["lr"] * ns["gradient_w"](ns["X"], ns["y"], w), ns["w_star"])


def test_exercise_finite_difference(capsys: pytest.CaptureFixture) -> None:
    out = printed("exercise_finite_difference.py", capsys)
    ns = run("exercise_finite_difference.py")
    X, y, h = ns["X"].double(), ns["y"].double(), ns["h"]
    for w, b in [(0.0, 0.0), (3.0, 1.0), (-1.5, 3.0)]:
        numeric_w = (ns["loss_fn"](ns["model"](X, w + h, b), y) - ns["loss_fn"](ns["model"](X, w - h, b), y)) / (2 * h)
        numeric_b = (ns["loss_fn"](ns["model"](X, w, b + h), y) - ns["loss_fn"](ns["model"](X, w, b - h), y)) / (2 * h)
        grad_w, grad_b = ns["gradients"](X, y, w, b)
        torch.testing.assert_close(grad_w, numeric_w)
        torch.testing.assert_close(grad_b, numeric_b)
    assert "d/dw  -67.5000 by hand,  -67.5000 numerically" in out


def test_exercise_centring(capsys: pytest.CaptureFixture) -> None:
    out = printed("exercise_centring.py", capsys)
    ns = run("exercise_centring.py")
    steps_raw, w_raw, b_raw = ns["steps_to_converge"](ns["X"], ns["y"])
    steps_centred, w_centred, b_centred = ns["steps_to_converge"](ns["X_centred"], ns["y"])
    assert (steps_raw, steps_centred) == (419, 115)
    assert w_raw.item() == pytest.approx(1.9714, abs=1e-3) and w_centred.item() == pytest.approx(1.9714, abs=1e-3)
    assert b_centred.item() == pytest.approx(ns["y"].mean().item(), abs=1e-3) == 8.0
    assert "hours - 3.5: 115 steps" in out
