"""What the Logistic regression chapter claims, asserted on its own snippets."""
from __future__ import annotations

import math
import runpy
from pathlib import Path

import pytest
import torch
import torch.nn.functional as F
from torch import nn

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = ROOT / "snippets" / "logistic_regression"


@pytest.fixture(scope="module")
def run():
    cache: dict[str, dict] = {}

    def _run(name: str) -> dict:
        if name not in cache:
            cache[name] = runpy.run_path(str(SNIPPETS / name))
        return cache[name]

    return _run


def test_sigmoid_matches_torch_and_the_worked_numbers(run):
    g = run("sigmoid.py")
    z = torch.linspace(-20, 20, 101)
    torch.testing.assert_close(g["sigmoid"](z), torch.sigmoid(z))
    s = g["sigmoid"](g["z"])
    assert round(s[3].item(), 4) == 0.8808  # sigma(2) = 0.8808, "as computed by hand"
    assert round(s[4].item(), 2) == 0.98  # "a score of 4 is already a probability of 0.98"
    assert s[2].item() == 0.5
    torch.testing.assert_close(s + g["sigmoid"](-g["z"]), torch.ones(5))
    torch.testing.assert_close(torch.log(s / (1 - s)), g["z"])  # log-odds give the score back
    assert abs(math.exp(2) - 0.8808 / 0.1192) < 0.01  # odds e^2 = 7.39
    slope = torch.sigmoid(z) * (1 - torch.sigmoid(z))
    assert slope.max().item() == pytest.approx(0.25) and abs(z[slope.argmax()].item()) < 1e-6


def test_our_bce_equals_torch_on_random_inputs(run):
    bce = run("bce.py")["bce"]
    generator = torch.Generator().manual_seed(123)
    for _ in range(5):
        p = torch.rand(257, generator=generator) * 0.999 + 0.0005
        y = torch.randint(0, 2, (257,), generator=generator).float()
        torch.testing.assert_close(bce(p, y), F.binary_cross_entropy(p, y))
        torch.testing.assert_close(bce(p, y), nn.BCELoss()(p, y))
    g = run("bce.py")
    torch.testing.assert_close(g["ours"], g["theirs"])
    torch.testing.assert_close(g["ours"], g["module"])


def test_bce_worked_example():
    bce = runpy.run_path(str(SNIPPETS / "bce.py"))["bce"]
    p, y = torch.tensor([0.9, 0.2, 0.6]), torch.tensor([1.0, 0.0, 1.0])
    per_sample = -(y * torch.log(p) + (1 - y) * torch.log(1 - p))
    assert [round(v, 4) for v in per_sample.tolist()] == [0.1054, 0.2231, 0.5108]
    assert round(bce(p, y).item(), 4) == 0.2798
    assert 4.5 < per_sample[2].item() / per_sample[0].item() < 5.0  # "nearly five times as much"


def test_naive_form_breaks_and_logits_loss_is_exact(run):
    g = run("stability.py")
    z, y = g["z"], g["y"]
    assert z.dtype == torch.float32
    assert g["p"][1].item() == 1.0 and g["p"][2].item() == 0.0  # the roundings the page names
    naive = g["naive"]
    assert round(naive[0].item(), 4) == 0.1269
    assert torch.isinf(naive[1]) and torch.isinf(naive[2]) and torch.isnan(naive[3])
    assert torch.isnan(naive.mean())
    # BCELoss is finite but clamped: 100 where the truth is 1000
    assert g["clamped"].tolist()[1:] == [100.0, 100.0, 0.0]
    # the logits loss equals the analytic log(1 + e^z) - y z, computed here without the code under test
    analytic = torch.tensor([math.log1p(math.exp(-2.0)), 100.0 + math.log1p(math.exp(-100.0)), 1000.0, 0.0])
    logits = g["logits"]
    assert torch.isfinite(logits).all()
    torch.testing.assert_close(logits, analytic)
    torch.testing.assert_close(g["exact"].float(), analytic)
    mean = nn.BCEWithLogitsLoss()(z, y).item()
    assert round(mean, 2) == 275.03 and math.isfinite(mean)


def test_our_stable_form_equals_torch(run):
    g = run("stability.py")
    ours = g["bce_with_logits"]
    generator = torch.Generator().manual_seed(7)
    z = torch.randn(500, generator=generator) * 300  # far beyond where exp overflows float32
    y = torch.randint(0, 2, (500,), generator=generator).float()
    torch.testing.assert_close(ours(z, y), F.binary_cross_entropy_with_logits(z, y))
    torch.testing.assert_close(ours(g["z"], g["y"]), F.binary_cross_entropy_with_logits(g["z"], g["y"]))
    assert g["gap"].item() < 1e-4


def test_toy_classifier_passes_its_bar(run):
    g = run("train_classifier.py")
    assert g["X"].shape == (200, 2) and g["y"].shape == (200, 1) and g["y"].mean().item() == 0.5
    losses = g["losses"]
    assert losses[-1] < 0.5 * losses[0]  # the loss fell
    assert round(losses[0], 4) == 0.5631 and round(losses[-1], 4) == 0.2223  # quoted on the page
    assert g["accuracy"] >= 0.85  # the page's bar
    assert round(g["accuracy"], 3) == 0.890 and round(g["train_accuracy"], 3) == 0.915
    # "the best any rule can do on these blobs is about 0.92": Phi(distance to the midline) = Phi(sqrt 2)
    bayes = run("bayes_limit.py")["bayes"]
    assert round(bayes, 2) == 0.92 and g["train_accuracy"] <= bayes + 0.01
    assert math.isclose(bayes, 0.5 * (1 + math.erf(1.0)), rel_tol=1e-6)  # Phi(sqrt 2) = (1 + erf(1)) / 2


def test_decision_boundary_file_trains_the_same_model(run):
    trained = run("train_classifier.py")["model"]
    drawn = run("decision_boundary.py")["model"]
    torch.testing.assert_close(drawn.weight, trained.weight)
    torch.testing.assert_close(drawn.bias, trained.bias)


def test_exercise_gradient_is_sigmoid_minus_label(run):
    g = run("exercise_gradient.py")
    torch.testing.assert_close(g["z"].grad, torch.sigmoid(g["z"].detach()) - g["y"])


def test_exercise_mse_gradient_vanishes_while_bce_does_not():
    y = torch.tensor([1.0])
    z = torch.tensor([-10.0], requires_grad=True)
    nn.MSELoss()(torch.sigmoid(z), y).backward()
    assert abs(z.grad.item()) < 1e-4  # "below 10^-4 at z = -10"
    z.grad = None
    nn.BCEWithLogitsLoss()(z, y).backward()
    assert z.grad.item() == pytest.approx(-1.0, abs=1e-4)
    g = runpy.run_path(str(SNIPPETS / "exercise_mse_vs_bce.py"))  # its loop ends at z = -10
    assert g["score"] == -10.0 and abs(g["mse_grad"]) < 1e-4 and g["bce_grad"] == pytest.approx(-1.0, abs=1e-4)


def test_exercise_xor_is_no_better_than_guessing(run):
    g = run("exercise_xor.py")
    assert abs(g["loss"].item() - math.log(2)) < 0.01  # "stays near log 2"
    assert g["accuracy"] <= g["majority"] + 0.02
    assert g["accuracy"] < 0.6
