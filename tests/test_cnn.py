"""What the chapter "A CNN on MNIST" claims: the classic net's shapes and parameter count, batch norm from scratch
matches nn.BatchNorm2d forward and backward, one_cycle follows OneCycleLR step by step, the improved CNN passes
98% on the 2,000 test digits after one epoch, and every number the prose quotes is what the page's own run printed."""
from __future__ import annotations

import math
import runpy
from pathlib import Path

import pytest
import torch
import torch.nn.functional as F
from pagerun import page_globals
from torch import nn

from torchsteps.cnn import CNN, ClassicCNN, mnist_loaders, mnist_tensors, one_cycle
from torchsteps.models import MLP

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = ROOT / "snippets" / "cnn"
PAGE = "structure/cnn.md"


def run(name: str) -> dict:
    return runpy.run_path(str(SNIPPETS / f"{name}.py"))


@pytest.fixture(scope="module")
def page() -> dict:
    return page_globals(PAGE)


def n_params(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


# --- the package: torchsteps.cnn ---


def test_classic_cnn_is_the_composition_of_its_layers() -> None:
    torch.manual_seed(0)
    model = ClassicCNN()
    x = torch.randn(3, 1, 28, 28)
    h = F.relu(F.max_pool2d(F.conv2d(x, model.conv1.weight, model.conv1.bias), 2))
    h = F.relu(F.max_pool2d(F.conv2d(h, model.conv2.weight, model.conv2.bias), 2))
    expected = F.linear(h.reshape(3, 320), model.fc.weight, model.fc.bias)
    torch.testing.assert_close(model(x), expected)
    assert n_params(model) == 8490  # the 8,490 of the page
    assert n_params(MLP()) == 682_090  # the MLP it is compared with
    assert (model.conv1.weight.numel() + 10, model.conv2.weight.numel() + 20, model.fc.weight.numel() + 10) == (260, 5020, 3210)


def test_cnn_shapes_widths_and_parameters() -> None:
    torch.manual_seed(0)
    x = torch.randn(4, 1, 28, 28)
    assert CNN()(x).shape == (4, 10) and CNN((10, 20))(x).shape == (4, 10)
    assert n_params(CNN()) == 18_426
    assert 1.9 < n_params(CNN()) / n_params(CNN((10, 20))) < 2.3  # "about twice the parameters"
    convs = [m for m in CNN().modules() if isinstance(m, nn.Conv2d)]
    assert [(c.in_channels, c.out_channels, c.bias) for c in convs] == [(1, 16, None), (16, 32, None)]  # no bias before batch norm


def test_conv_bias_before_pool_and_batch_norm_is_redundant() -> None:
    """The page's reason for bias=False: a per-channel constant passes the max-pool and is removed with the mean."""
    torch.manual_seed(0)
    x, bias = torch.randn(8, 3, 6, 6), torch.randn(1, 3, 1, 1)
    bn = nn.BatchNorm2d(3)
    torch.testing.assert_close(bn(F.max_pool2d(x + bias, 2)), bn(F.max_pool2d(x, 2)), atol=1e-5, rtol=1e-5)


@pytest.mark.parametrize("model", [ClassicCNN(), CNN()])
def test_models_refuse_images_without_a_channel_dim(model: nn.Module) -> None:
    with pytest.raises(ValueError, match=r"\(B, 1, 28, 28\).*unsqueeze"):
        model(torch.zeros(2, 28, 28))
    with pytest.raises(ValueError, match="got"):
        model(torch.zeros(2, 3, 28, 28))


@pytest.mark.parametrize("channels", [(16,), (16, 0), (16, 32, 64), (16.0, 32)])
def test_cnn_refuses_bad_channels(channels) -> None:
    with pytest.raises(ValueError, match="channels="):
        CNN(channels)


def test_one_cycle_matches_one_cycle_lr_stepped_by_hand() -> None:
    total = 20
    w1, w2 = torch.zeros(2, requires_grad=True), torch.zeros(2, requires_grad=True)
    ours = torch.optim.AdamW([w1], lr=0.01)
    one_cycle(ours, 0.01, total)
    theirs = torch.optim.AdamW([w2], lr=0.01)
    scheduler = torch.optim.lr_scheduler.OneCycleLR(theirs, max_lr=0.01, total_steps=total)
    for _ in range(total):
        for w, opt in ((w1, ours), (w2, theirs)):
            (w - 1).pow(2).sum().backward()
            opt.step()
            opt.zero_grad()
        scheduler.step()
        assert ours.param_groups[0]["lr"] == theirs.param_groups[0]["lr"]
    torch.testing.assert_close(w1, w2)


@pytest.mark.parametrize("total_steps", [0, 2.5, True])
def test_one_cycle_refuses_bad_total_steps(total_steps) -> None:
    with pytest.raises(ValueError, match="total_steps="):
        one_cycle(torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1), 0.1, total_steps)


def test_mnist_tensors_normalised_with_training_statistics() -> None:
    X_train, y_train, X_test, y_test = mnist_tensors()
    assert X_train.shape == (8000, 1, 28, 28) and X_test.shape == (2000, 1, 28, 28)
    assert abs(X_train.mean().item()) < 1e-4 and X_train.std().item() == pytest.approx(1.0, abs=1e-4)
    raw_train, _, raw_test, _ = mnist_tensors(normalize=False)
    assert raw_train.min() >= 0 and raw_train.max() <= 1
    mean, std = raw_train.mean(), raw_train.std()
    torch.testing.assert_close(X_test, (raw_test - mean) / std)  # the test split uses the training statistics
    assert torch.equal(y_train, y_train.long()) and len(y_test) == 2000


def test_mnist_loaders_are_seeded_and_check_arguments() -> None:
    first = [next(iter(mnist_loaders(32, seed=3)[0]))[1] for _ in range(2)]
    assert torch.equal(first[0], first[1])
    train_loader, test_loader = mnist_loaders(64)
    assert len(train_loader) == 125 and len(test_loader) == 2
    for bad in ({"batch_size": 0}, {"batch_size": 1.5}, {"seed": -1}):
        with pytest.raises(ValueError, match="batch_size=|seed="):
            mnist_loaders(**bad)


# --- snippets that need no training ---


def test_shapes_snippet_prints_the_derived_shapes(capsys) -> None:
    run("shapes")
    out = capsys.readouterr().out
    for line in ["conv1    (64, 10, 24, 24)", "pool     (64, 10, 12, 12)", "conv2    (64, 20, 8, 8)",
                 "pool     (64, 20, 4, 4)", "flatten  (64, 320)", "fc       (64, 10)"]:
        assert line in out
    assert "8,490" in out


def test_batch_norm_worked_example() -> None:
    ns = run("batchnorm")
    assert ns["mean"].item() == 5.0 and ns["var"].item() == 5.0
    torch.testing.assert_close(ns["x_hat"].flatten(), torch.tensor([-3, -1, 1, 3]) / math.sqrt(5), atol=1e-5, rtol=0)
    assert [round(v, 3) for v in ns["x_hat"].flatten().tolist()] == [-1.342, -0.447, 0.447, 1.342]


def test_batch_norm_from_scratch_matches_torch_forward_and_backward() -> None:
    ns = run("batchnorm")
    batch_norm = ns["batch_norm"]
    torch.manual_seed(1)
    x1 = (2 * torch.randn(4, 3, 5, 5) + 1).requires_grad_()
    x2 = x1.detach().clone().requires_grad_()
    bn = nn.BatchNorm2d(3)
    with torch.no_grad():
        bn.weight.copy_(torch.tensor([0.5, 1.5, -1.0]))
        bn.bias.copy_(torch.tensor([0.1, -0.2, 0.3]))
    gamma, beta = bn.weight.detach().clone().requires_grad_(), bn.bias.detach().clone().requires_grad_()
    ours, theirs = batch_norm(x1, gamma, beta), bn(x2)
    torch.testing.assert_close(ours, theirs)
    upstream = torch.randn_like(ours)
    (ours * upstream).sum().backward()
    (theirs * upstream).sum().backward()
    torch.testing.assert_close(x1.grad, x2.grad)
    torch.testing.assert_close(gamma.grad, bn.weight.grad)
    torch.testing.assert_close(beta.grad, bn.bias.grad)


def test_batch_norm_running_mean_moves_a_tenth_of_the_way() -> None:
    ns = run("batchnorm")
    torch.testing.assert_close(ns["bn"].running_mean, 0.1 * ns["x"].mean(dim=(0, 2, 3)))


# --- the page's own run: the bars and every quoted number ---


def on_cpu(page) -> bool:
    """The text quotes the CPU build's numbers; on a GPU the same seeds print slightly different ones, and only the bars are checked."""
    return next(page["model"].parameters()).device.type == "cpu"


def test_classic_cnn_result(page) -> None:
    classic_loss, cnn_loss = page["classic_history"]["train_loss"], page["history"]["train_loss"]
    assert len(classic_loss) == len(cnn_loss) == page["num_epochs"] == 1  # "one epoch"
    assert classic_loss[0] < math.log(10) and round(math.log(10), 3) == 2.303  # "barely below 2.303": it has started to learn
    assert cnn_loss[0] < classic_loss[0] / 5  # the improved net's mean loss, far below the classic one's
    assert page["classic_acc"] < min(acc for _, acc in page["ablation"][1:])  # "the recipe is slow": any one change beats it
    if on_cpu(page):
        assert page["classic_acc"] == pytest.approx(0.5625, abs=5e-5)  # "56.25%"
        assert round(classic_loss[0], 3) == 2.248 and round(cnn_loss[0], 3) == 0.356
        assert round(page["ablation"][1][1], 4) == 0.8945  # "reaches 89.45%" with normalised inputs alone


def test_improved_cnn_passes_the_98_percent_bar(page) -> None:
    assert page["cnn_acc"] >= 0.98  # the bar
    assert page["cnn_acc"] == pytest.approx(0.9810, abs=5e-5) or not on_cpu(page)  # "98.10%"
    assert page["num_epochs"] == 1 and page["batch_size"] == 64 and page["max_lr"] == 0.01 and page["weight_decay"] == 1e-4
    assert n_params(page["model"]) == 18_426


def test_ablation_table(page) -> None:
    accuracies = [acc for _, acc in page["ablation"]]
    assert accuracies[0] == page["classic_acc"] and accuracies[-1] == page["cnn_acc"]
    assert accuracies == sorted(accuracies)  # "every change helps"
    if on_cpu(page):
        errors = [round((1 - acc) * 2000) for acc in accuracies]
        assert errors == [875, 211, 103, 51, 38]  # the errors the prose quotes
        assert [round(acc, 4) for acc in accuracies] == [0.5625, 0.8945, 0.9485, 0.9745, 0.981]
        assert round(errors[0] / errors[1]) == 4 and round(errors[1] / errors[2]) == round(errors[2] / errors[3]) == 2  # "by four, two and two"
    standard_error = math.sqrt(0.98 * 0.02 / 2000)
    assert round(100 * standard_error, 2) == 0.31 and round(2000 * standard_error) == 6  # "0.31 points, about 6 digits"
    gains = [later - earlier for earlier, later in zip(accuracies, accuracies[1:])]
    assert min(gains[:3]) > 5 * standard_error  # "the first three changes are far larger than that"
    assert 2 * standard_error < gains[3] < 2.5 * standard_error or not on_cpu(page)  # "just over two standard errors"


def test_normalisation_statistics(page) -> None:
    X = page["X_train"]
    assert round(X.mean().item(), 4) == 0.1323 and round(X.std().item(), 4) == 0.3102


def test_schedule_figure(page) -> None:
    lrs = page["lrs"]
    assert len(lrs) == 125  # "one epoch of 125 batches"
    assert lrs[0] == pytest.approx(0.01 / 25) and max(lrs) == pytest.approx(0.01, rel=1e-4)
    assert lrs.index(max(lrs)) == 37  # the first 30% of 125 steps
    assert lrs[-1] == pytest.approx(0.01 / 250_000, rel=0.01)  # "falls ... to max / 250,000"


def test_mistakes(page) -> None:
    wrong, y_hat, y_test = page["wrong"], page["y_hat"], page["y_test"]
    assert len(wrong) == round((1 - page["cnn_acc"]) * 2000) and (len(wrong) == 38 or not on_cpu(page))  # "the 38 mistakes"
    assert all(y_hat[i] != y_test[i] for i in wrong)
    assert list(page["show"]) == list(wrong[:27])  # "the first 27 of them"
    assert page["maps"].shape == (16, 24, 24) and page["filters"].shape == (16, 1, 5, 5)


def test_exercise_padding(page) -> None:
    assert page["features"](torch.zeros(2, 1, 28, 28)).shape == (2, 980)
    assert sum(p.numel() for p in page["model"].parameters()) == 18_426  # the exercise did not replace the page's model
    assert 980 * 10 + 10 == 9810 and 320 * 10 + 10 == 3210


def test_exercise_shift(page) -> None:
    acc = page["shift_acc"]
    assert acc[0] == pytest.approx(page["cnn_acc"], abs=1e-6)  # no shift: the accuracy above
    assert [acc[s] for s in range(5)] == sorted(acc.values(), reverse=True)  # falls with the shift
    assert acc[0] - acc[1] < 0.01 and acc[1] - acc[4] > 0.3  # "little" for one pixel, then fast
    if on_cpu(page):
        assert [round(acc[s], 4) for s in (1, 4)] == [0.9730, 0.5985]  # "97.30%", "59.85% at 4 pixels"


def test_exercise_eval_mode(page) -> None:
    assert min(page["eval_acc"], page["batch_acc"]) > page["single_acc"] + 0.05  # a batch of one breaks batch norm
    if on_cpu(page):
        assert round(page["eval_acc"], 3) == round(page["batch_acc"], 3) == 0.980 and round(page["single_acc"], 3) == 0.925


def test_one_cycle_moves_adam_beta1_the_opposite_way() -> None:
    """The page: beta_1 goes from 0.95 down to 0.85 at the learning-rate peak and back."""
    optimizer = torch.optim.AdamW([torch.zeros(1, requires_grad=True)], lr=0.01)
    one_cycle(optimizer, 0.01, 375)
    betas, lrs = [], []
    for _ in range(375):
        betas.append(optimizer.param_groups[0]["betas"][0])
        lrs.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
    assert betas[0] == pytest.approx(0.95) and betas[-1] == pytest.approx(0.95)
    assert min(betas) == pytest.approx(0.85, abs=1e-5) and betas.index(min(betas)) == lrs.index(max(lrs))
