"""What the Linear regression the PyTorch way chapter claims, asserted on its own snippets."""
from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
import torch

from conftest import run_snippet
from torch import nn

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = ROOT / "snippets" / "linear_regression"
TRUE_W, TRUE_B = 2.0, 1.0


def run(name: str) -> dict:
    return run_snippet(f"linear_regression/{name}")


@pytest.fixture(scope="module")
def trained() -> dict:
    return run("train.py")


def test_data_is_64_seeded_points_with_the_stated_line_and_noise():
    g = run("data.py")
    assert g["X"].shape == (64, 1) and g["y"].shape == (64, 1)
    assert (g["true_w"], g["true_b"], g["noise"], g["N"]) == (TRUE_W, TRUE_B, 0.3, 64)
    assert g["X"].min() >= -1 and g["X"].max() < 1
    torch.testing.assert_close(run("data.py")["y"], g["y"])  # seeded: the same every run
    residual = g["y"] - (TRUE_W * g["X"] + TRUE_B)
    assert 0.2 < residual.std().item() < 0.4


def test_every_snippet_uses_the_same_data(trained):
    X = run("data.py")["X"]
    for name in ("train.py", "plot_fit.py", "predict.py", "from_scratch.py", "exercise_lstsq.py", "exercise_learning_rate.py"):
        torch.testing.assert_close(run(name)["X"], X, msg=name)
    torch.testing.assert_close(trained["y"], run("data.py")["y"])


def test_model_is_a_module_with_an_fc_linear_layer():
    g = run("model.py")
    model = g["model"]
    assert isinstance(model, nn.Module) and isinstance(model.fc, nn.Linear)
    assert [name for name, _ in model.named_parameters()] == ["fc.weight", "fc.bias"]
    assert model.fc.weight.shape == (1, 1) and model.fc.bias.shape == (1,)
    w, b = model.fc.weight.item(), model.fc.bias.item()
    torch.testing.assert_close(g["y_demo"].detach(), torch.tensor([[b], [w + b]]))  # b at x = 0, w + b at x = 1


def test_one_sgd_step_matches_the_worked_example():
    g = run("one_step.py")
    torch.testing.assert_close(g["loss"].detach(), torch.tensor(5.0))
    torch.testing.assert_close(g["tiny"].weight.grad, torch.tensor([[-3.0]]))
    torch.testing.assert_close(g["tiny"].bias.grad, torch.tensor([-4.0]))
    torch.testing.assert_close(g["tiny"].weight.detach(), torch.tensor([[0.3]]))
    torch.testing.assert_close(g["tiny"].bias.detach(), torch.tensor([0.4]))


def test_hand_gradient_formulas_equal_autograd_on_the_data(trained):
    X, y = trained["X"], trained["y"]
    model = nn.Linear(1, 1)
    loss = nn.MSELoss()(model(X), y)
    loss.backward()
    error = (model(X) - y).detach()
    torch.testing.assert_close(model.weight.grad, (2 * (error * X).mean()).reshape(1, 1))
    torch.testing.assert_close(model.bias.grad, (2 * error.mean()).reshape(1))


def test_training_lands_within_0_01_of_the_true_line_and_the_loss_fell(trained):
    assert abs(trained["w_learned"] - TRUE_W) < 0.01
    assert abs(trained["b_learned"] - TRUE_B) < 0.01
    losses = trained["losses"]
    assert len(losses) == trained["num_epochs"] == 200 and trained["lr"] == 0.1
    assert losses[0] > 2  # "falls from above 2"
    assert losses[40] < 0.11  # falls fast for 40 epochs...
    assert abs(losses[-1] - losses[80]) < 0.001  # ...then levels off
    assert 0.09 < losses[-1] < 0.1  # just above the noise variance 0.3^2
    assert all(b <= a + 1e-7 for a, b in zip(losses, losses[1:]))  # never rises


def test_plot_uses_the_same_fit_as_the_page(trained):
    g = run("plot_fit.py")
    assert g["losses"] == pytest.approx(trained["losses"], rel=1e-5)
    torch.testing.assert_close(g["line"], TRUE_W * g["grid"] + TRUE_B, atol=0.01, rtol=0)


def test_predictions_are_within_0_01_of_the_true_line_and_need_no_grad():
    g = run("predict.py")
    torch.testing.assert_close(g["y_new"], TRUE_W * g["X_new"] + TRUE_B, atol=0.01, rtol=0)
    assert not g["y_new"].requires_grad and g["y_new"].is_inference()
    assert g["model"].training  # model.train() switched it back


def test_sequential_variants_start_from_the_same_weight_and_count_25_parameters():
    g = run("sequential.py")
    start = run("model.py")["model"].fc.weight
    torch.testing.assert_close(g["seq_model"][0].weight, start)
    torch.testing.assert_close(g["named_model"].fc.weight, start)
    shapes = {name: tuple(p.shape) for name, p in g["two_layer"].named_parameters()}
    assert shapes == {"fc1.weight": (8, 1), "fc1.bias": (8,), "fc2.weight": (1, 8), "fc2.bias": (1,)}
    assert sum(p.numel() for p in g["two_layer"].parameters()) == 25


def test_init_sets_a_small_normal_weight_and_a_zero_bias(capsys):
    g = run("init_weights.py")
    assert "RuntimeError: a leaf Variable that requires grad is being used in an in-place operation." in capsys.readouterr().out
    assert abs(g["fresh"].fc.weight.item()) < 0.05
    assert g["fresh"].fc.bias.item() == 0.0 and g["fresh"].fc.bias.requires_grad


def test_from_scratch_and_nn_agree_within_1e_5():
    g = run("from_scratch.py")
    assert abs(g["w"] - g["w_nn"]) < 1e-5 and abs(g["b"] - g["b_nn"]) < 1e-5
    assert abs(g["w"] - TRUE_W) < 0.01 and abs(g["b"] - TRUE_B) < 0.01


def test_nn_model_trained_on_the_page_is_the_one_from_scratch_compares_with(trained):
    g = run("from_scratch.py")
    assert g["w_nn"] == pytest.approx(trained["w_learned"], abs=1e-6)
    assert g["b_nn"] == pytest.approx(trained["b_learned"], abs=1e-6)


def test_exercise_least_squares_agrees_to_four_digits(trained):
    g = run("exercise_lstsq.py")
    assert abs(g["w_exact"] - trained["w_learned"]) < 5e-5
    assert abs(g["b_exact"] - trained["b_learned"]) < 5e-5


def test_exercise_learning_rates_too_small_right_and_too_large():
    final_loss = run("exercise_learning_rate.py")["final_loss"]
    assert final_loss(0.001) > 1 and final_loss(0.01) > 0.15  # still above the noise floor
    assert final_loss(0.1) < 0.1 and final_loss(0.5) < 0.1  # at the floor
    assert math.isinf(final_loss(1.2))  # diverged


def test_exercise_two_inputs_finds_the_coefficients():
    g = run("exercise_two_inputs.py")
    assert g["X2"].shape == (64, 2) and g["model2"].weight.shape == (1, 2) and g["model2"].bias.shape == (1,)
    torch.testing.assert_close(g["model2"].weight.detach(), torch.tensor([[2.0, -3.0]]), atol=0.05, rtol=0)
    assert abs(g["model2"].bias.item() - 1.0) < 0.05


@pytest.mark.parametrize("chapter", ["linear_regression", "autograd"])
def test_snippets_use_the_current_api_only(chapter):
    pattern = re.compile(r"\.data\b|size_average|reduce=|\bVariable\(|volatile")
    for path in sorted((ROOT / "snippets" / chapter).glob("*.py")):
        code = "\n".join(line.split("#")[0] for line in path.read_text(encoding="utf-8").splitlines())
        assert not pattern.search(code), f"{path.name} uses an old API"


def test_learning_rates_above_about_1_diverge_as_2_over_the_curvature_predicts():
    X, y = run("data.py")["X"], run("data.py")["y"]
    A = torch.cat([X, torch.ones_like(X)], dim=1)  # (64, 2)
    c = torch.linalg.eigvalsh(2 * A.T @ A / len(X)).max().item()  # steepest curvature of the MSE in (w, b)
    assert 1.95 < c < 2.05  # "about 2"
    final_loss = run("exercise_learning_rate.py")["final_loss"]
    assert final_loss(0.9) < 0.1 and final_loss(1.02) > 1e3


def test_linear_starts_uniform_within_one_over_sqrt_in_features():
    """ "random values drawn uniformly from (-1/sqrt(n), 1/sqrt(n))": (-1, 1) for Linear(1, 1), within 0.036 for 784 inputs. """
    torch.manual_seed(0)
    draws = torch.stack([torch.nn.Linear(1, 1).weight.detach().flatten() for _ in range(2000)])  # (2000, 1)
    assert draws.abs().max() < 1 and draws.abs().max() > 0.99 and abs(draws.mean().item()) < 0.05
    wide = torch.nn.Linear(784, 10)
    bound = 1 / 784**0.5
    assert round(bound, 3) == 0.036
    assert wide.weight.abs().max() <= bound and wide.bias.abs().max() <= bound
    assert wide.weight.abs().max() > 0.95 * bound
