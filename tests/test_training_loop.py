"""The chapter "The training loop done right": every number its prose states, and what its snippets claim."""
from __future__ import annotations

import math
import runpy
from functools import cache
from pathlib import Path

import pytest
import torch
from torch import nn

from torchsteps.training import fit

ROOT = Path(__file__).resolve().parent.parent


@cache
def run(name: str) -> dict:
    return runpy.run_path(str(ROOT / "snippets" / "training_loop" / f"{name}.py"))


def test_split_sizes_and_batches():
    ns = run("data")
    assert (len(ns["train_set"]), len(ns["val_set"]), len(ns["X_test"])) == (7000, 1000, 2000)
    assert len(ns["train_loader"]) == 110 and 7000 - 109 * 64 == 24
    assert set(ns["train_set"].indices).isdisjoint(ns["val_set"].indices)
    counts = torch.bincount(ns["y"][ns["val_set"].indices], minlength=10)
    shares = torch.bincount(ns["y"], minlength=10) * 1000 / 8000
    assert counts.min() > 50 and (counts - shares).abs().max() < 30  # roughly its share
    assert counts[8].item() == 73 and round(shares[8].item()) == 97  # "the 8s, at 73, fall a quarter short of their 97"



def test_torch_load_defaults_to_weights_only(tmp_path):
    """ "It has been the default since PyTorch 2.6": a pickled object that is not a tensor is refused without asking. """
    import pickle

    torch.save({"optimizer": torch.optim.SGD}, tmp_path / "class.pt")  # a class, which only full pickle can load
    with pytest.raises(pickle.UnpicklingError, match="weights_only"):
        torch.load(tmp_path / "class.pt")
    assert math.isclose((64 * 0.50 + 36 * 0.30) / 100, 0.428) and math.isclose((0.50 + 0.30) / 2, 0.40)


def test_worked_early_stopping_example():
    losses = [0.40, 0.31, 0.28, 0.29, 0.30, 0.33]
    best, stop = None, None
    for epoch, loss in enumerate(losses, start=1):
        if best is None or loss < losses[best - 1]:
            best = epoch
        if epoch - best >= 3:
            stop = epoch
            break
    assert (best, stop) == (3, 6)


def test_hand_loop_learns_and_starts_with_train_loss_above_val_loss():
    rows = run("loop_by_hand")["rows"]
    assert len(rows) == 3
    assert rows[0][0] > rows[0][2]  # epoch 1: train loss above validation loss
    assert rows[2][0] < rows[0][0] and rows[2][2] < rows[0][2]
    assert rows[2][1] > rows[0][1] and rows[2][3] > rows[0][3]


def test_fit_repeats_the_hand_loop_digit_for_digit():
    hand = run("loop_by_hand")["rows"]
    history = run("fit_packaged")["history"]
    for (train_loss, train_acc, val_loss, val_acc), row in zip(hand, history.epochs[:3]):
        assert f"{train_loss:.4f} {train_acc:.3f} {val_loss:.4f} {val_acc:.3f}" == \
            "{train_loss:.4f} {train_acc:.3f} {val_loss:.4f} {val_acc:.3f}".format(**row)


def test_fit_gives_the_same_weights_as_the_hand_loop():
    ns = run("loop_by_hand")
    ns["generator"].manual_seed(0)
    model = ns["make_model"]()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    fit(model, ns["train_loader"], nn.CrossEntropyLoss(), optimizer, 3, device="cpu")
    assert all(torch.equal(a, b) for a, b in zip(model.parameters(), ns["model"].parameters()))


def test_test_accuracy_passes_the_stated_bar():
    ns = run("fit_packaged")
    assert ns["test"]["accuracy"] > 0.94
    assert ns["history"]["train_loss"][-1] < ns["history"]["train_loss"][0]


def test_modes_dropout_and_inference():
    ns = run("modes")
    dropout, h = ns["dropout"], ns["h"]
    dropout.train()
    out = dropout(h)
    assert set(out.tolist()) <= {0.0, 2.0}  # zeroed, or scaled by 1 / (1 - 0.5)
    dropout.eval()
    assert torch.equal(dropout(h), h)
    assert not ns["net"][2].training
    assert not ns["y_hat"].requires_grad and ns["y_hat"].is_inference()


def test_overfitting_is_visible():
    ns = run("overfit")
    overfit, best = ns["overfit"], ns["best"]
    assert sum(p.numel() for p in ns["make_big_model"]().parameters()) == 269_322  # "about 270,000 weights"
    assert overfit["train_acc"][-1] == 1.0  # every one of the 500 training images right
    assert best <= 10
    assert overfit["val_loss"][-1] > 1.15 * overfit["val_loss"][best - 1]
    assert overfit["train_loss"][-1] < 0.01
    after = overfit["val_acc"][best - 1 :]
    assert max(after) - min(after) < 0.05  # the validation accuracy barely moves


def test_early_stopping_triggers_on_the_overfitting_setup():
    ns = run("overfit")
    stopped, overfit = ns["stopped"], ns["overfit"]
    assert stopped.stopped_early
    assert stopped.best_epoch == ns["best"]
    assert len(stopped) == stopped.best_epoch + 5  # stops five epochs after the best
    assert 0.4 <= len(stopped) / 25 <= 0.6  # "half as long"
    kept = min(stopped["val_loss"])
    assert math.isclose(kept, overfit["val_loss"][ns["best"] - 1], rel_tol=1e-6)  # the same run up to the stop
    from torchsteps.training import evaluate

    assert math.isclose(evaluate(ns["big"], ns["val_loader"], ns["loss_fn"])["loss"], kept, rel_tol=1e-6)


def test_save_then_load_gives_identical_predictions():
    ns = run("save_load")
    assert ns["same"] is True
    model, loaded = ns["model"], ns["loaded"]
    with torch.inference_mode():
        assert torch.equal(model(ns["X_test"]), loaded(ns["X_test"]))
    assert list(model.state_dict()) == ["1.weight", "1.bias", "3.weight", "3.bias"]
    assert not any(Path.cwd().glob("*.pt"))  # nothing written into the working folder


def test_checkpoints_resume_exactly():
    ns = run("checkpoint")
    assert list(ns["state"]) == ["model", "optimizer", "epoch"] and ns["state"]["epoch"] == 2
    assert "momentum_buffer" in ns["state"]["optimizer"]["state"][0]
    assert ns["start_epoch"] == 3
    # fit() trains on the best device (CUDA where there is one); `restored` was built on the CPU: compare on the CPU.
    assert all(torch.equal(a.cpu(), b.cpu()) for a, b in zip(ns["restored"].parameters(), ns["model"].parameters()))
    restored_buffer = ns["restored_optimizer"].state_dict()["state"][0]["momentum_buffer"]
    assert restored_buffer.cpu().equal(ns["optimizer"].state_dict()["state"][0]["momentum_buffer"].cpu())
    assert ns["history"]["epoch"] == [1, 2, 3, 4]
    assert all(torch.equal(a, b) for a, b in zip(ns["resumed"].parameters(), ns["whole"].parameters()))


def test_progress_bar_only_when_forced():
    ns = run("progress_bar")
    assert ns["terminal"].getvalue().split("\r")[-1].strip() == "epoch 1/8 100%|####################| 110/110"
    assert ns["quiet"].disable is True and ns["not_a_terminal"].getvalue() == ""


def test_exercise_dropout_beats_the_plain_run():
    plain, dropped = run("overfit")["overfit"], run("exercise_dropout")["regular"]
    assert min(dropped["val_loss"]) < min(plain["val_loss"])
    assert dropped["val_loss"][-1] < plain["val_loss"][-1]
    assert dropped.best_epoch > run("overfit")["best"]  # the lowest comes later
    assert dropped["val_loss"][-1] > min(dropped["val_loss"])  # still climbs after its best epoch


def test_exercise_eval_mode_forgotten_gives_worse_noisy_accuracy():
    ns = run("exercise_eval_mode")
    net, accuracy = ns["net"], ns["accuracy_in_current_mode"]
    net.train()
    torch.manual_seed(1)
    first, second = accuracy(net), accuracy(net)
    right = ns["evaluate"](net, ns["val_loader"], ns["loss_fn"])["accuracy"]
    assert first != second
    assert first < right and second < right


def test_exercise_resume_by_hand_matches_and_needs_the_shuffle_state(tmp_path):
    ns = run("exercise_resume_by_hand")
    assert all(torch.equal(a, b) for a, b in zip(ns["resumed"].parameters(), ns["whole"].parameters()))
    path = tmp_path / "hand.pt"
    ns["train"](4, path, stop_after=2)
    state = torch.load(path, weights_only=True)
    state["shuffle"] = torch.Generator().manual_seed(0).get_state()  # as if the shuffle state were not saved
    torch.save(state, path)
    forgetful = ns["train"](4, path)
    assert not all(torch.equal(a, b) for a, b in zip(forgetful.parameters(), ns["whole"].parameters()))
