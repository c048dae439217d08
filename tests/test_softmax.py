"""What the chapter "Softmax classification" claims: our softmax and cross-entropy match torch's, the mistake is
measurable, and the two MNIST models pass their accuracy bars."""
from __future__ import annotations

import math
import runpy
from pathlib import Path

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from conftest import run_snippet

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = ROOT / "snippets" / "softmax"


def run(name: str) -> dict:
    return runpy.run_path(str(SNIPPETS / f"{name}.py"))


def run_reading(name: str, mlp: dict, monkeypatch) -> dict:
    """Run a snippet that only reads the trained MLP: its ``run_path`` of mlp.py answers with the mlp fixture's run,
    so the MLP is not trained again (``confusion`` still trains it afresh, to show the standalone run matches)."""
    original = runpy.run_path
    monkeypatch.setattr(runpy, "run_path", lambda path, *args, **kwargs: mlp if Path(path).name == "mlp.py" else original(path, *args, **kwargs))
    return original(str(SNIPPETS / f"{name}.py"))


@pytest.fixture(scope="module")
def scratch() -> dict:
    return run("softmax_scratch")


@pytest.fixture(scope="module")
def stable() -> dict:
    return run("overflow")


@pytest.fixture(scope="module")
def ce() -> dict:
    return run("cross_entropy")


@pytest.fixture(scope="module")
def regression() -> dict:
    return run("softmax_regression")


@pytest.fixture(scope="module")
def mlp() -> dict:
    return run("mlp")


@pytest.fixture(scope="module")
def confusion() -> dict:
    return run("confusion")


def random_and_extreme_logits() -> list[torch.Tensor]:
    torch.manual_seed(1)
    return [
        torch.randn(16, 10),
        torch.randn(16, 10) * 30,
        torch.tensor([[1000.0, -1000.0, 0.0], [-1000.0, 1000.0, 0.0], [1000.0, 1000.0, -1000.0], [-1000.0, -1000.0, -1000.0]]),
    ]


# --- the worked example ---


def test_worked_example_numbers(scratch) -> None:
    exp, y_hat = scratch["exp"], scratch["y_hat"]
    torch.testing.assert_close(exp, torch.tensor([7.389, 2.718, 1.105]), atol=1e-3, rtol=0)
    assert exp.sum().item() == pytest.approx(11.212, abs=1e-3)
    torch.testing.assert_close(y_hat, torch.tensor([0.659, 0.242, 0.099]), atol=1e-3, rtol=0)
    assert -y_hat[0].log().item() == pytest.approx(0.417, abs=1e-3)
    assert -y_hat[2].log().item() == pytest.approx(2.317, abs=1e-3)


def test_gradient_is_prediction_minus_truth(scratch) -> None:
    z = torch.tensor([[2.0, 1.0, 0.1]], requires_grad=True)
    F.cross_entropy(z, torch.tensor([0])).backward()
    torch.testing.assert_close(z.grad[0], scratch["y_hat"] - torch.tensor([1.0, 0.0, 0.0]))
    torch.testing.assert_close(z.grad[0], torch.tensor([-0.341, 0.242, 0.099]), atol=1e-3, rtol=0)


# --- softmax from scratch ---


def test_naive_softmax_matches_torch_on_moderate_logits(scratch) -> None:
    for logits in random_and_extreme_logits()[:1]:
        torch.testing.assert_close(scratch["softmax"](logits), F.softmax(logits, dim=1))


def test_naive_softmax_overflows(stable) -> None:
    assert torch.isnan(stable["softmax"](torch.tensor([[1000.0, 1001.0, 1002.0]]))).all()
    assert torch.isinf(torch.tensor(89.0).exp()) and torch.isfinite(torch.tensor(88.0).exp())  # "a logit of 89 overflows"
    assert torch.finfo(torch.float32).max == pytest.approx(3.4e38, rel=0.01)
    assert math.log(torch.finfo(torch.float32).max) == pytest.approx(88.7, abs=0.05)


def test_stable_softmax_matches_torch_on_random_and_extreme_logits(stable) -> None:
    for logits in random_and_extreme_logits():
        ours = stable["softmax_stable"](logits)
        assert torch.isfinite(ours).all()
        torch.testing.assert_close(ours, F.softmax(logits, dim=1))
        torch.testing.assert_close(ours.sum(dim=1), torch.ones(len(logits)))


def test_softmax_ignores_a_constant_shift(stable) -> None:
    z = torch.randn(4, 5)
    torch.testing.assert_close(stable["softmax_stable"](z + 123.0), stable["softmax_stable"](z))


# --- cross-entropy ---


def test_cross_entropy_matches_torch_on_random_and_extreme_logits(ce) -> None:
    for logits in random_and_extreme_logits():
        y = torch.arange(len(logits)) % logits.shape[1]
        ours = ce["cross_entropy"](logits, y)
        assert torch.isfinite(ours)
        torch.testing.assert_close(ours, F.cross_entropy(logits, y))
        torch.testing.assert_close(ce["log_softmax"](logits), F.log_softmax(logits, dim=1))


def test_cross_entropy_gradient_matches_torch(ce) -> None:
    logits = torch.randn(8, 10, requires_grad=True)
    y = torch.randint(0, 10, (8,))
    (grad_ours,) = torch.autograd.grad(ce["cross_entropy"](logits, y), logits)
    (grad_torch,) = torch.autograd.grad(F.cross_entropy(logits, y), logits)
    torch.testing.assert_close(grad_ours, grad_torch)
    torch.testing.assert_close(grad_torch, (F.softmax(logits, dim=1) - F.one_hot(y, 10)) / 8)  # (y_hat - y) / N


def test_extreme_example_loss_is_1000(ce) -> None:
    extreme = torch.tensor([[1000.0, -1000.0, 0.0], [-1000.0, 1000.0, 0.0]])
    assert ce["cross_entropy"](extreme, torch.tensor([0, 0])).item() == pytest.approx(1000.0)


def test_cross_entropy_loss_is_log_softmax_plus_nll(ce) -> None:
    for logits in random_and_extreme_logits():
        y = torch.arange(len(logits)) % logits.shape[1]
        torch.testing.assert_close(nn.CrossEntropyLoss()(logits, y), F.nll_loss(F.log_softmax(logits, dim=1), y))
    assert torch.equal(ce["combined"], ce["two_steps"])


# --- the softmax-before-CrossEntropyLoss mistake ---


def test_loss_floor_with_softmax_first() -> None:
    ns = run("mistake")
    loss_fn, perfect, y = ns["loss_fn"], ns["perfect"], ns["y"]
    assert loss_fn(perfect, y).item() < 1e-6
    floor = loss_fn(perfect.softmax(dim=1), y).item()
    assert floor == pytest.approx(math.log(1 + 9 / math.e), abs=1e-4)
    assert floor == pytest.approx(1.4612, abs=1e-4)


def test_gradients_shrink_with_softmax_first() -> None:
    ns = run("mistake")
    size, cases = ns["gradient_size"], ns["cases"]
    unsure_right, unsure_wrong = size(cases["unsure"], False), size(cases["unsure"], True)
    assert unsure_wrong / unsure_right == pytest.approx(0.1, abs=1e-4)  # "exactly ten times smaller", 1/K
    assert size(cases["sure, wrong"], False) > 0.9  # "a gradient of about 1"
    assert size(cases["sure, wrong"], True) < 1e-4  # "practically nothing"


def test_softmax_first_trains_worse_with_sgd() -> None:
    ns = run("mistake_training")
    one_epoch = ns["one_epoch_sgd"]
    for lr in (0.1, 0.01):
        assert one_epoch(lr, True) < one_epoch(lr, False)
    assert one_epoch(0.01, True) < one_epoch(0.01, False) - 0.2  # "falls far behind"


# --- MNIST: the accuracy bars ---


def test_data_is_normalised_with_training_statistics(regression) -> None:
    assert regression["X_train"].shape == (8000, 1, 28, 28) and regression["X_test"].shape == (2000, 1, 28, 28)
    assert abs(regression["X_train"].mean().item()) < 1e-4
    assert regression["X_train"].std().item() == pytest.approx(1.0, abs=1e-4)


def test_softmax_regression_passes_90_percent(regression) -> None:
    model, accuracy = regression["model"], regression["accuracy"]
    test_acc = accuracy(model, regression["X_test"], regression["y_test"])
    train_acc = accuracy(model, regression["X_train"], regression["y_train"])
    assert test_acc >= 0.90
    assert test_acc < 0.93  # "stalls near 91%"
    assert train_acc - test_acc < 0.03  # "the gap is small"
    assert regression["losses"][-1] < regression["losses"][0]
    assert sum(p.numel() for p in model.parameters()) == 7850


def test_mlp_passes_95_percent(mlp) -> None:
    model, accuracy = mlp["model"], mlp["accuracy"]
    test_acc = accuracy(model, mlp["X_test"], mlp["y_test"])
    train_acc = accuracy(model, mlp["X_train"], mlp["y_train"])
    assert test_acc >= 0.95
    assert train_acc > 0.99 and train_acc - test_acc > 0.02  # close to 100%, well above the test accuracy
    assert mlp["losses"][-1] < mlp["losses"][0] / 10


def test_standalone_training_matches_the_page(mlp, confusion) -> None:
    """predictions.py and confusion.py, run on their own, use the model that mlp.py trains."""
    for a, b in zip(mlp["model"].parameters(), confusion["model"].parameters()):
        torch.testing.assert_close(a, b)


# --- predictions and the confusion matrix ---


def test_confusion_matrix_sums_and_diagonal(mlp, confusion) -> None:
    cm, y_test, y_hat = confusion["cm"], confusion["y_test"], confusion["y_hat"]
    assert cm.shape == (10, 10) and cm.sum().item() == 2000
    assert torch.equal(cm.sum(dim=1), torch.bincount(y_test, minlength=10))  # rows: true digits
    assert torch.equal(cm.sum(dim=0), torch.bincount(y_hat, minlength=10))  # columns: predictions
    accuracy = mlp["accuracy"](mlp["model"], mlp["X_test"], mlp["y_test"])
    assert cm.diag().sum().item() / 2000 == pytest.approx(accuracy, abs=1e-6)
    for true, pred in [(9, 4), (2, 7), (0, 0)]:
        assert cm[true, pred].item() == ((y_test == true) & (y_hat == pred)).sum().item()


def test_mistakes_gather_in_few_cells(confusion) -> None:
    off = confusion["cm"].clone()
    off.fill_diagonal_(0)
    assert (off == 0).sum().item() - 10 > 45  # most of the 90 off-diagonal cells are empty
    pairs = {(i, j): off[i, j].item() + off[j, i].item() for i in range(10) for j in range(i + 1, 10)}
    assert max(pairs, key=pairs.get) == (4, 9)  # "the pair mixed up most often"
    assert (off - off.T).abs().max().item() >= 3  # a cell and its mirror image differ


def test_predictions_show_confident_right_and_wrong(mlp, monkeypatch) -> None:
    ns = run_reading("predictions", mlp, monkeypatch)
    probs, show, y_hat, y_test = ns["probs"], ns["show"], ns["y_hat"], ns["y_test"]
    torch.testing.assert_close(probs.sum(dim=1), torch.ones(2000))
    assert all(y_hat[i] == y_test[i] and probs[i].max() > 0.99 for i in show[:4])
    assert all(y_hat[i] != y_test[i] for i in show[4:])
    assert all(probs[i].max().item() > 0.9 for i in show[4:])  # confident mistakes: "above 0.9"
    assert all(probs[i, y_test[i]].item() < 0.05 for i in show[4:])  # "the true digit got almost none"


# --- exercises ---


def test_exercise_temperature() -> None:
    z = run("exercise_temperature")["z"]
    assert F.softmax(z / 0.1, dim=1)[0, 0].item() > 0.999
    torch.testing.assert_close(F.softmax(z / 100.0, dim=1), torch.full((1, 3), 1 / 3), atol=0.01, rtol=0)


def test_exercise_two_class_softmax_is_sigmoid() -> None:
    ns = run("exercise_sigmoid")
    torch.testing.assert_close(F.softmax(ns["logits"], dim=1)[:, 1], torch.sigmoid(ns["diff"]))
    torch.testing.assert_close(ns["ce"], ns["bce"])


def test_exercise_confused_pairs(mlp, monkeypatch) -> None:
    ns = run_reading("exercise_confused", mlp, monkeypatch)
    cm, off, counts, flat = ns["cm"], ns["off"], ns["counts"], ns["flat"]
    assert off.diag().sum().item() == 0 and off.sum().item() == 2000 - cm.diag().sum().item()
    assert counts.tolist() == sorted(counts.tolist(), reverse=True)
    assert counts[0].item() == off.max().item()
    assert all(cm[k // 10, k % 10].item() == c for c, k in zip(counts.tolist(), flat.tolist()))


def test_cross_entropy_takes_class_probabilities_as_soft_targets():
    ns = run_snippet("softmax/soft_targets.py")
    logits, y, loss_fn = ns["logits"], ns["y"], ns["loss_fn"]
    torch.testing.assert_close(loss_fn(logits, ns["one_hot"]), loss_fn(logits, y))  # a one-hot row = its index
    torch.testing.assert_close(loss_fn(logits, ns["smooth"]), ns["by_hand"])  # -sum_k y_k log y_hat_k
    torch.testing.assert_close(torch.nn.CrossEntropyLoss(label_smoothing=0.1)(logits, y), ns["by_hand"])
    assert ns["smooth"][0, 3].item() == pytest.approx(0.91) and ns["smooth"][0, 0].item() == pytest.approx(0.01)
