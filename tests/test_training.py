"""The package's training loop: fit, evaluate, early stopping, checkpoints and clear errors."""
from __future__ import annotations

import math
from pathlib import Path

import pytest
import torch
import torch.nn.functional as F
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from torchsteps import training
from torchsteps.training import History, count_correct, evaluate, fit


def blobs(n: int = 256, seed: int = 0) -> TensorDataset:
    """Three seeded Gaussian blobs in 2-D: an easy problem a small MLP learns in a few epochs."""
    generator = torch.Generator().manual_seed(seed)
    y = torch.arange(n) % 3  # (n,)
    centres = torch.tensor([[2.0, 0.0], [-1.0, 1.7], [-1.0, -1.7]])
    X = centres[y] + 0.8 * torch.randn(n, 2, generator=generator)  # (n, 2)
    return TensorDataset(X, y)


def make(seed: int = 0, lr: float = 0.1, dropout: float = 0.0):
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Linear(2, 32), nn.ReLU(), nn.Dropout(dropout), nn.Linear(32, 3))
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)
    train_loader = DataLoader(blobs(), batch_size=32, shuffle=True, generator=torch.Generator().manual_seed(seed))
    val_loader = DataLoader(blobs(128, seed=1), batch_size=64)
    return model, optimizer, train_loader, val_loader


def test_fit_lowers_the_loss_and_records_every_epoch():
    model, optimizer, train_loader, val_loader = make()
    before = evaluate(model, val_loader, nn.CrossEntropyLoss())
    history = fit(model, train_loader, nn.CrossEntropyLoss(), optimizer, 5, val_loader=val_loader, device="cpu")
    assert isinstance(history, History) and len(history) == 5
    assert history["epoch"] == [1, 2, 3, 4, 5]
    assert set(history.epochs[0]) == {"epoch", "train_loss", "train_acc", "val_loss", "val_acc"}
    assert history["val_loss"][-1] < 0.5 * before["loss"]
    assert history["train_loss"][-1] < history["train_loss"][0]
    assert history["val_acc"][-1] > 0.9
    assert history.best_epoch == 1 + min(range(5), key=lambda i: history["val_loss"][i])
    assert not history.stopped_early


def test_fit_without_validation_records_training_metrics_only():
    model, optimizer, train_loader, _ = make()
    history = fit(model, train_loader, nn.CrossEntropyLoss(), optimizer, 2, device="cpu")
    assert set(history.epochs[0]) == {"epoch", "train_loss", "train_acc"}
    assert history.best_epoch is None


def test_evaluate_matches_a_hand_computation_for_class_logits():
    torch.manual_seed(0)
    X, y = torch.randn(10, 4), torch.randint(0, 3, (10,))
    model = nn.Linear(4, 3)
    result = evaluate(model, DataLoader(TensorDataset(X, y), batch_size=4), nn.CrossEntropyLoss())  # batches of 4, 4, 2
    logits = model(X).detach()
    expected_loss = -torch.log_softmax(logits, dim=1)[torch.arange(10), y].mean()
    expected_acc = (logits.argmax(dim=1) == y).float().mean()
    assert math.isclose(result["loss"], expected_loss.item(), rel_tol=1e-5)
    assert math.isclose(result["accuracy"], expected_acc.item(), rel_tol=1e-6)


def test_evaluate_matches_a_hand_computation_for_one_logit():
    X = torch.tensor([[1.0], [-2.0], [0.5], [-0.1], [3.0]])  # (5, 1)
    y = torch.tensor([[1.0], [0.0], [0.0], [1.0], [1.0]])  # (5, 1)
    model = nn.Linear(1, 1)
    with torch.no_grad():
        model.weight.fill_(1.0)
        model.bias.zero_()
    result = evaluate(model, DataLoader(TensorDataset(X, y), batch_size=2), nn.BCEWithLogitsLoss())
    assert math.isclose(result["loss"], F.binary_cross_entropy_with_logits(X, y).item(), rel_tol=1e-6)
    assert result["accuracy"] == 3 / 5  # right: 1.0 -> 1, -2.0 -> 0, 3.0 -> 1; wrong: 0.5 and -0.1


def test_count_correct_takes_flat_binary_targets_and_rejects_odd_shapes():
    assert count_correct(torch.tensor([[2.0], [-1.0], [0.3]]), torch.tensor([1.0, 1.0, 0.0])).item() == 1
    with pytest.raises(ValueError, match=r"cannot score predictions of shape \(4, 3\)"):
        count_correct(torch.zeros(4, 3), torch.zeros(4, 3, dtype=torch.long))


def test_evaluate_restores_each_modules_mode_and_changes_no_weight():
    model, _, _, val_loader = make(dropout=0.5)
    model.train()
    model[2].eval()  # a mixed state: one submodule already in eval mode
    modes = [m.training for m in model.modules()]
    weights = [p.detach().clone() for p in model.parameters()]
    first = evaluate(model, val_loader, nn.CrossEntropyLoss())
    assert [m.training for m in model.modules()] == modes
    assert all(torch.equal(w, p) for w, p in zip(weights, model.parameters()))
    assert evaluate(model, val_loader, nn.CrossEntropyLoss()) == first  # eval mode: dropout off, so it repeats


def test_fit_leaves_the_model_in_train_mode_after_validating():
    model, optimizer, train_loader, val_loader = make()
    model.eval()
    fit(model, train_loader, nn.CrossEntropyLoss(), optimizer, 1, val_loader=val_loader, device="cpu")
    assert model.training


def test_early_stopping_stops_and_restores_the_best_weights(monkeypatch):
    model, optimizer, train_loader, val_loader = make()
    losses = iter([0.9, 0.5, 0.6, 0.7, 0.4, 0.3])  # best at epoch 2, then two epochs without a new best
    snapshots = {}
    real_evaluate = training.evaluate

    def scripted(model, loader, loss_fn, device=None):
        epoch = len(snapshots) + 1
        snapshots[epoch] = [p.detach().clone() for p in model.parameters()]
        return {**real_evaluate(model, loader, loss_fn, device), "loss": next(losses)}

    monkeypatch.setattr(training, "evaluate", scripted)
    history = fit(model, train_loader, nn.CrossEntropyLoss(), optimizer, 6, val_loader=val_loader, device="cpu", patience=2)
    assert history.stopped_early and len(history) == 4 and history.best_epoch == 2
    assert all(torch.equal(a, b) for a, b in zip(snapshots[2], model.parameters()))


def test_patience_keeps_the_best_weights_when_it_does_not_run_out(monkeypatch):
    model, optimizer, train_loader, val_loader = make()
    losses = iter([0.9, 0.5, 0.6])
    snapshots = {}
    real_evaluate = training.evaluate

    def scripted(model, loader, loss_fn, device=None):
        snapshots[len(snapshots) + 1] = [p.detach().clone() for p in model.parameters()]
        return {**real_evaluate(model, loader, loss_fn, device), "loss": next(losses)}

    monkeypatch.setattr(training, "evaluate", scripted)
    history = fit(model, train_loader, nn.CrossEntropyLoss(), optimizer, 3, val_loader=val_loader, device="cpu", patience=5)
    assert not history.stopped_early and history.best_epoch == 2
    assert all(torch.equal(a, b) for a, b in zip(snapshots[2], model.parameters()))


def run(num_epochs: int, checkpoint: Path | None = None, dropout: float = 0.3, patience: int | None = None):
    """A fresh model, optimizer and loaders, as a new process would build them, trained with fit."""
    model, optimizer, train_loader, val_loader = make(dropout=dropout)
    history = fit(model, train_loader, nn.CrossEntropyLoss(), optimizer, num_epochs, val_loader=val_loader,
                  device="cpu", checkpoint=checkpoint, patience=patience)
    return model, optimizer, history


def test_checkpoint_resume_gives_the_same_weights_as_one_uninterrupted_run(tmp_path):
    model, optimizer, history = run(5)
    path = tmp_path / "run.pt"
    run(2, checkpoint=path)  # "interrupted" after epoch 2
    state = torch.load(path, weights_only=True)
    assert state["epoch"] == 2 and set(state) >= {"model", "optimizer", "epoch", "history"}
    torch.manual_seed(123)  # a new process would start from another random state
    resumed, resumed_optimizer, resumed_history = run(5, checkpoint=path)
    assert resumed_history["epoch"] == [1, 2, 3, 4, 5]
    assert resumed_history.epochs == history.epochs
    assert all(torch.equal(a, b) for a, b in zip(model.parameters(), resumed.parameters()))
    assert torch.load(path, weights_only=True)["epoch"] == 5


def test_resume_continues_from_the_saved_epoch(tmp_path, monkeypatch):
    path = tmp_path / "run.pt"
    run(3, checkpoint=path)
    trained = []
    real = training.train_one_epoch
    monkeypatch.setattr(training, "train_one_epoch", lambda *a, **k: trained.append(1) or real(*a, **k))
    history = run(5, checkpoint=path)[2]
    assert len(trained) == 2 and len(history) == 5  # only epochs 4 and 5 ran
    assert run(5, checkpoint=path)[2].epochs == history.epochs and len(trained) == 2  # finished: nothing to do


def test_resume_after_early_stopping_keeps_the_best_weights(tmp_path):
    path = tmp_path / "run.pt"
    model, _, history = run(40, checkpoint=path, patience=1, dropout=0.0)
    assert history.stopped_early
    again, _, history_again = run(40, checkpoint=path, patience=1, dropout=0.0)
    assert history_again.epochs == history.epochs
    assert all(torch.equal(a, b) for a, b in zip(model.parameters(), again.parameters()))


def test_a_checkpoint_from_another_model_is_refused_clearly(tmp_path):
    path = tmp_path / "run.pt"
    run(1, checkpoint=path)
    model = nn.Linear(2, 3)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    with pytest.raises(ValueError, match="does not fit this model"):
        fit(model, make()[2], nn.CrossEntropyLoss(), optimizer, 2, device="cpu", checkpoint=path)


def test_max_grad_norm_bounds_each_step():
    model, _, train_loader, _ = make()
    optimizer = torch.optim.SGD(model.parameters(), lr=1.0)
    before = torch.cat([p.detach().flatten().clone() for p in model.parameters()])
    batch = next(iter(train_loader))
    fit(model, DataLoader(TensorDataset(*batch), batch_size=32), nn.CrossEntropyLoss(), optimizer, 1, device="cpu", max_grad_norm=0.01)
    after = torch.cat([p.detach().flatten() for p in model.parameters()])
    assert (after - before).norm() <= 0.01 + 1e-6  # plain SGD, lr 1: the step is the clipped gradient


def test_no_progress_bar_when_stderr_is_not_a_terminal(capsys):
    model, optimizer, train_loader, _ = make()
    fit(model, train_loader, nn.CrossEntropyLoss(), optimizer, 1, device="cpu")
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""
    fit(model, train_loader, nn.CrossEntropyLoss(), optimizer, 1, device="cpu", progress=True)
    assert "epoch 1/1" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"num_epochs": 0}, ValueError, "num_epochs=0 must be an int >= 1"),
        ({"num_epochs": 2.5}, ValueError, "num_epochs=2.5"),
        ({"patience": 0}, ValueError, "patience=0"),
        ({"patience": 2, "val_loader": None}, ValueError, "patience= needs val_loader="),
        ({"max_grad_norm": 0}, ValueError, "max_grad_norm=0"),
        ({"train_loader": DataLoader(TensorDataset(torch.zeros(0, 2), torch.zeros(0, dtype=torch.long)))}, ValueError, "train_loader is empty"),
        ({"val_loader": DataLoader(TensorDataset(torch.zeros(0, 2), torch.zeros(0, dtype=torch.long)))}, ValueError, "val_loader is empty"),
        ({"model": lambda X: X}, TypeError, "model must be an nn.Module"),
        ({"optimizer": "sgd"}, TypeError, "optimizer must be a torch.optim.Optimizer"),
        ({"loss_fn": "cross_entropy"}, TypeError, "loss_fn must be callable"),
        ({"checkpoint": "/no/such/folder/run.pt"}, FileNotFoundError, "/no/such/folder"),
        ({"train_loader": [torch.zeros(2)]}, ValueError, "each batch must be a tuple"),
        ({"train_loader": iter([])}, ValueError, "train_loader yielded no batches"),
    ],
)
def test_bad_arguments_raise_errors_that_name_them(kwargs, error, match):
    model, optimizer, train_loader, val_loader = make()
    args = {"model": model, "train_loader": train_loader, "loss_fn": nn.CrossEntropyLoss(), "optimizer": optimizer,
            "num_epochs": 1, "val_loader": val_loader, "device": "cpu"}
    args.update(kwargs)
    with pytest.raises(error, match=match):
        fit(**args)


def test_evaluate_refuses_an_empty_loader():
    with pytest.raises(ValueError, match="loader is empty"):
        evaluate(nn.Linear(2, 3), [], nn.CrossEntropyLoss())
