"""The linear model chapter: its loss is PyTorch's MSE, its grid searches land near the truth, and its prose numbers hold."""
from __future__ import annotations

from pathlib import Path

import pytest
import torch

from conftest import run_snippet, snippet_output
import torch.nn.functional as F

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = ROOT / "snippets" / "linear_model"


def run(name: str) -> dict:
    return run_snippet(f"linear_model/{name}")


def printed(name: str, capsys: pytest.CaptureFixture) -> str:
    return snippet_output(f"linear_model/{name}", capsys)


@pytest.fixture(scope="module")
def data() -> dict:
    return run("data.py")


def test_data_follow_the_stated_rule_within_half_a_point(data: dict) -> None:
    X, y = data["X"], data["y"]
    assert X.shape == y.shape == (6,)
    residual = y - (2 * X + 1)  # "2 points per hour, plus 1", moved half a point up or down
    torch.testing.assert_close(residual.abs(), torch.full((6,), 0.5))


def test_loss_fn_equals_torch_mse_loss() -> None:
    loss_fn = run("mse.py")["loss_fn"]
    torch.manual_seed(0)
    for shape in [(6,), (32,), (4, 5)]:
        y_hat, y = torch.randn(shape), torch.randn(shape)
        torch.testing.assert_close(loss_fn(y_hat, y), F.mse_loss(y_hat, y))


def test_mse_numbers_in_the_prose() -> None:
    ns = run("mse.py")
    model, loss_fn, X, y = ns["model"], ns["loss_fn"], ns["X"], ns["y"]
    losses = {w: loss_fn(model(X, w), y).item() for w in (1.0, 2.0, 3.0)}
    assert losses[1.0] == pytest.approx(23.25)
    assert losses[2.0] == pytest.approx(1.25)  # 7.5 / 6, the worked example on all six students
    assert losses[3.0] == pytest.approx(9.5833, abs=1e-4)
    assert losses[3.0] < losses[1.0] / 2  # "less than half that of w = 1"
    assert ((y - 2 * X) > 0).all()  # "every student scored a little above the line 2x"
    squares = (model(X, 2.0) - y) ** 2
    torch.testing.assert_close(squares, torch.tensor([2.25, 0.25, 2.25, 0.25, 0.25, 2.25]))
    assert squares.sum().item() == pytest.approx(7.5)
    assert loss_fn(model(X[:3], 2.0), y[:3]).item() == pytest.approx(4.75 / 3)  # the three-student example
    assert 4.75 / 3 == pytest.approx(1.58, abs=0.005)


def test_model_predictions_for_w_2() -> None:
    ns = run("model.py")
    torch.testing.assert_close(ns["y_hat"], torch.tensor([2.0, 4.0, 6.0, 8.0, 10.0, 12.0]))
    errors = ns["y_hat"] - ns["y"]
    assert (errors < 0).all()  # "predicts too little for every student"
    assert set(errors.abs().tolist()) == {0.5, 1.5}


def test_grid_search_over_w_lands_on_the_least_squares_slope() -> None:
    ns = run("grid_search.py")
    X, y, ws, losses = ns["X"], ns["y"], ns["ws"], ns["losses"]
    assert len(ws) == 401
    through_origin = ((X * y).sum() / (X * X).sum()).item()  # the exact minimiser of the loss without b
    assert abs(ns["best_w"] - through_origin) <= 0.005  # within half a grid step
    assert ns["best_w"] == pytest.approx(2.23)
    assert abs(ns["best_w"] - 2.0) < 0.25  # near the true slope, pulled up by the missing bias
    assert losses.min().item() == pytest.approx(0.4806, abs=1e-4)
    assert losses[0].item() == pytest.approx(75.58, abs=0.005)
    table = {round(w.item(), 1): round(loss.item(), 2) for w, loss in zip(ws[::50], losses[::50])}
    assert table == {0.0: 75.58, 0.5: 45.62, 1.0: 23.25, 1.5: 8.46, 2.0: 1.25, 2.5: 1.62, 3.0: 9.58, 3.5: 25.12, 4.0: 48.25}
    # One valley: the loss falls to the best w and rises after it.
    best = losses.argmin()
    assert (losses[1 : best + 1] < losses[:best]).all() and (losses[best + 1 :] > losses[best:-1]).all()


def test_grid_search_over_w_and_b_lands_near_the_truth() -> None:
    ns = run("loss_surface.py")
    X, y, surface = ns["X"], ns["y"], ns["surface"]
    assert surface.shape == (401, 401) and surface.numel() == 160_801
    assert (ns["best_w"], ns["best_b"]) == (pytest.approx(1.97), pytest.approx(1.10))
    assert abs(ns["best_w"] - 2.0) < 0.05 and abs(ns["best_b"] - 1.0) < 0.15  # the rule behind the data
    A = torch.stack([X, torch.ones_like(X)], dim=1)  # (6, 2)
    w_star, b_star = torch.linalg.lstsq(A, y.unsqueeze(1)).solution.squeeze(1).tolist()
    assert abs(ns["best_w"] - w_star) <= 0.005 and abs(ns["best_b"] - b_star) <= 0.01  # within half a grid step
    assert surface.min().item() == pytest.approx(0.2476, abs=1e-4)
    assert F.mse_loss(2 * X + 1, y).item() == pytest.approx(0.25)  # the rule itself fits a little worse
    assert surface.min().item() < 0.4806 / 1.9  # "the loss halves"
    # The slice b = 0 of the surface is the curve of the one-parameter search.
    j0 = (ns["bs"].abs() < 1e-6).nonzero().item()
    assert ns["ws"][surface[:, j0].argmin()].item() == pytest.approx(2.23)


def test_grid_cost_numbers(capsys: pytest.CaptureFixture) -> None:
    lines = printed("grid_cost.py", capsys).splitlines()
    assert lines[0].split() == ["1", "parameters:", "10^2", "evaluations,", "1e-07", "seconds"]
    assert "2 parameters: 10^4 evaluations, 1e-05 seconds" in lines[1]
    assert "10 parameters: 10^20 evaluations, 3,171 years" in lines[2]
    assert "1,000,000 parameters: 10^2,000,000 evaluations, 10^1,999,984 years" in lines[3]
    assert 100**10 / 1e9 / (60 * 60 * 24 * 365) == pytest.approx(3171, abs=1)


def test_exercise_outlier(capsys: pytest.CaptureFixture) -> None:
    out = printed("exercise_outlier.py", capsys)
    assert "squared  error: best w 2.23 without the outlier, 1.64 with it" in out
    assert "absolute error: best w 2.25 without the outlier, 2.13 with it" in out
    assert 12**2 > ((2.23 * torch.arange(1.0, 7.0) - torch.tensor([3.5, 4.5, 7.5, 8.5, 10.5, 13.5])) ** 2).sum()


def test_exercise_zoom(capsys: pytest.CaptureFixture) -> None:
    out = printed("exercise_zoom.py", capsys)
    ns = run("exercise_zoom.py")
    assert ns["evaluations"] == 44
    assert ns["best_w"] == pytest.approx(2.224, abs=1e-4)
    assert abs(ns["best_w"] - 202.5 / 91) < ns["step"]  # within one final step of the exact minimiser
    assert "one grid with the last step size needs 1,251" in out


def test_exercise_predict(capsys: pytest.CaptureFixture) -> None:
    out = printed("exercise_predict.py", capsys)
    assert "0 hours: 1.10 points with b, 0.00 without" in out
    assert "7 hours: 14.89 points with b, 15.61 without" in out
    assert 7 * 2.23 - (7 * 1.97 + 1.10) == pytest.approx(0.72)
