"""What the chapter "Dataset and DataLoader" claims: shapes, counts, reproducible splits, padding, MNIST pixels."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import torch
from torch.utils.data import DataLoader

from torchsteps import text
from conftest import run_snippet
from torchsteps.datasets import load_diabetes, load_mnist, load_surnames

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = ROOT / "snippets" / "datasets"


def run(name: str) -> dict:
    return run_snippet(f"datasets/{name}.py")


@pytest.fixture(scope="module")
def mnist_cache(tmp_path_factory):
    """mnist_root() writes its folder here instead of the home directory."""
    folder = tmp_path_factory.mktemp("mnist")
    old = os.environ.get("TORCHSTEPS_CACHE")
    os.environ["TORCHSTEPS_CACHE"] = str(folder)
    yield folder
    if old is None:
        del os.environ["TORCHSTEPS_CACHE"]
    else:
        os.environ["TORCHSTEPS_CACHE"] = old


@pytest.fixture(scope="module")
def mnist_snippet(mnist_cache) -> dict:
    return run("mnist_torchvision")


# --- the surname encoder (torchsteps.text) ---


def test_vocabulary_has_54_characters_and_padding() -> None:
    assert len(text.SURNAMES) == 55
    assert len(text.SURNAME_CHARACTERS) == 54
    assert text.PAD_INDEX == 0
    codes = torch.cat([text.encode(c) for c in text.SURNAME_CHARACTERS])
    assert sorted(codes.tolist()) == list(range(1, 55))  # every character has its own code, none is padding


def test_every_surname_round_trips() -> None:
    for split in ("train", "test"):
        for name in load_surnames(split).names:
            codes = text.encode(name)
            assert codes.dtype == torch.int64 and codes.shape == (len(name),)
            assert text.decode(codes) == name


def test_encode_strips_accents_and_rejects_unknown_characters() -> None:
    assert text.decode(text.encode("Müller")) == "Muller"
    assert text.to_ascii("Śmigielski") == "Smigielski"
    with pytest.raises(ValueError, match="outside the vocabulary"):
        text.encode("O.Brien")


def test_decode_skips_padding() -> None:
    codes = torch.cat([text.encode("Kieu"), torch.zeros(3, dtype=torch.int64)])
    assert text.decode(codes) == "Kieu"


def test_custom_vocabulary() -> None:
    vocab = text.CharVocab("abca")  # repeats are dropped
    assert len(vocab) == 4
    assert vocab.encode("cab").tolist() == [3, 1, 2]
    with pytest.raises(ValueError):
        text.CharVocab("")


# --- custom Datasets ---


def test_diabetes_dataset_shapes_and_tensor_dataset() -> None:
    ns = run("diabetes_dataset")
    dataset = ns["dataset"]
    assert len(dataset) == 607
    features, label = dataset[0]
    assert features.shape == (8,) and features.dtype == torch.float32
    assert label.shape == (1,) and label.dtype == torch.float32
    X, y = load_diabetes("train")
    for i in (0, 5, 606):
        assert torch.equal(dataset[i][0], X[i]) and torch.equal(dataset[i][1], y[i])
        assert all(torch.equal(a, b) for a, b in zip(ns["same"][i], dataset[i]))


def test_surnames_dataset_items() -> None:
    ns = run("surnames_dataset")
    surnames = ns["surnames"]
    assert len(surnames) == 13374 and len(surnames.languages) == 18
    for i in (0, 2, 4000, 13373):
        codes, label = surnames[i]
        assert codes.dtype == torch.int64 and codes.shape == (len(surnames.names[i]),)
        assert label.dtype == torch.int64 and label.shape == ()
    loader = DataLoader(surnames, batch_size=4)
    with pytest.raises(RuntimeError, match="stack expects each tensor to be equal size"):
        next(iter(loader))


# --- epochs, batches, iterations ---


def test_epoch_arithmetic() -> None:
    ns = run("batches")
    assert (ns["N"], ns["iterations"], ns["last"]) == (607, 19, 31)
    assert len(ns["train_loader"]) == 19
    assert ns["sizes"] == [32] * 18 + [31]
    assert len(ns["dropped"]) == 18 and len(ns["dropped"]) * 32 == 576
    assert ns["steps"] == 3 * 19 == 57


def test_seeded_shuffle_repeats_and_each_epoch_differs() -> None:
    ns = run("batches")
    first = ns["first_labels"]
    make = lambda seed: DataLoader(ns["dataset"], batch_size=32, shuffle=True, generator=torch.Generator().manual_seed(seed))  # noqa: E731
    a, b = make(0), make(0)
    epoch1_a, epoch1_b = [y.clone() for _, y in a], [y.clone() for _, y in b]
    assert all(torch.equal(p, q) for p, q in zip(epoch1_a, epoch1_b))
    epoch2_a = [y for _, y in a]
    assert not all(torch.equal(p, q) for p, q in zip(epoch1_a, epoch2_a))
    assert first(make(0)) == first(make(0))


def test_random_split_is_reproducible() -> None:
    ns = run("splits")
    train_set, val_set = ns["train_set"], ns["val_set"]
    assert (len(train_set), len(val_set)) == (486, 121)
    assert sorted(train_set.indices + val_set.indices) == list(range(607))  # disjoint, and covers every row
    assert ns["again"].indices == train_set.indices
    assert ns["other"].indices != train_set.indices
    row = val_set.indices[0]
    assert torch.equal(val_set[0][0], ns["dataset"][row][0])
    assert len(ns["first_hundred"]) == 100


# --- collate_fn ---


def test_pad_collate_pads_to_longest_and_returns_lengths() -> None:
    ns = run("collate")
    pad_collate = ns["pad_collate"]
    names = ["Kieu", "Antonowitsch", "Bakum"]
    batch = [(text.encode(n), torch.tensor(i)) for i, n in enumerate(names)]
    padded, lengths, labels = pad_collate(batch)
    assert padded.shape == (3, 12) and padded.dtype == torch.int64
    assert lengths.tolist() == [4, 12, 5]
    assert labels.tolist() == [0, 1, 2]
    for row, n, name in zip(padded, lengths, names):
        assert torch.equal(row[:n], text.encode(name))
        assert (row[n:] == text.PAD_INDEX).all()
    # the page's batch: four names, padded to the longest, 7
    assert ns["padded"].shape == (4, 7)
    assert ns["lengths"].max().item() == 7
    assert ((ns["padded"] != 0).sum(dim=1) == ns["lengths"]).all()


def test_workers_script_output() -> None:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]))
    result = subprocess.run(
        [sys.executable, "-W", "error", str(SNIPPETS / "workers.py")], env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-3000:]
    expected = [
        "the process you started runs the file as __main__",
        *[f"128 rows from worker {i % 2}, which imported the file as __mp_main__" for i in range(4)],
        " 95 rows from worker 0, which imported the file as __mp_main__",
    ]
    assert result.stdout.splitlines() == expected  # the workers report through the batches, so the order is fixed


def test_the_page_runs_the_workers_script_for_real() -> None:
    ns = run_snippet("datasets/run_script.py")
    assert ns["result"].returncode == 0, ns["result"].stderr[-3000:]
    assert ns["result"].stdout.count("imported the file as __mp_main__") == 5


# --- torchvision MNIST ---


def test_torchvision_mnist_pixels_equal_load_mnist(mnist_snippet) -> None:
    official = mnist_snippet["official"]
    assert len(official) == 10000
    X_tv, y_tv = next(iter(DataLoader(official, batch_size=len(official))))  # ToTensor on every image
    X, y = load_mnist("all")
    assert X_tv.shape == (10000, 1, 28, 28) and X_tv.dtype == torch.float32
    torch.testing.assert_close(X_tv, X, rtol=0, atol=1e-7)  # v2.ToDtype(scale=True) may differ from /255 in the last bit
    assert torch.equal(y_tv, y)


def test_course_splits_through_torchvision(mnist_snippet) -> None:
    train_set, test_set = mnist_snippet["train_raw"], mnist_snippet["test_set"]
    assert (len(train_set), len(test_set)) == (8000, 2000)
    X_train, y_train = next(iter(DataLoader(train_set, batch_size=8000)))
    X, y = load_mnist("train")
    torch.testing.assert_close(X_train, X, rtol=0, atol=1e-7)
    assert torch.equal(y_train, y)
    X_test, y_test = load_mnist("test")
    _, y_sub = next(iter(DataLoader(test_set, batch_size=2000)))
    assert torch.equal(y_sub, y_test)
    assert X.numel() * 4 / 1e6 == pytest.approx(25, abs=0.5)  # "25 MB" on the page


def test_training_statistics_are_near_the_usual_values(mnist_snippet) -> None:
    mean, std = mnist_snippet["mean"], mnist_snippet["std"]
    X, _ = load_mnist("train")
    assert mean == pytest.approx(X.double().mean().item(), abs=1e-6)
    assert std == pytest.approx(X.double().std(unbiased=False).item(), abs=1e-6)
    # The usual values come from the 60,000-image training set; our 8,000 images agree to within 0.005.
    assert abs(mean - 0.1307) < 0.005
    assert abs(std - 0.3081) < 0.005
    X_all = mnist_snippet["X_all"]
    assert abs(X_all.mean().item()) < 1e-4 and X_all.std().item() == pytest.approx(1, abs=1e-3)


# --- exercises and numbers in the prose ---


def test_exercise_iterations() -> None:
    ns = run("exercise_iterations")
    assert ns["N"] == 13374 and (ns["full"], ns["rest"]) == (208, 62)


def test_exercise_balanced_sampler() -> None:
    ns = run("exercise_balanced")
    counts, drawn, languages = ns["counts"], ns["drawn"], ns["languages"]
    assert counts[languages.index("Russian")].item() > 6000
    assert counts[languages.index("Vietnamese")].item() < 50
    assert drawn.sum().item() == 13374
    assert drawn.min().item() > 600 and drawn.max().item() < 900  # about 743 each


def test_exercise_bucketing_cuts_padding() -> None:
    ns = run("exercise_bucketing")
    shuffled, sorted_ = ns["padding_share"](ns["shuffled"]), ns["padding_share"](ns["by_length"])
    assert shuffled > 0.3
    assert sorted_ < 0.02


def test_transforms_are_torchvisions_current_v2_and_statistics_are_computed() -> None:
    for name in ("throughput.py", "mnist_torchvision.py"):
        text = (SNIPPETS / name).read_text(encoding="utf-8")
        assert "ToTensor" not in text and "v2.ToImage()" in text and "v2.ToDtype(torch.float32, scale=True)" in text
    throughput = (SNIPPETS / "throughput.py").read_text(encoding="utf-8")
    assert "0.1323" not in throughput and "0.3102" not in throughput  # computed from the training split, never typed
    assert "images.mean().item(), images.std().item()" in throughput


def test_every_snippet_that_starts_workers_starts_them_the_windows_and_macos_way() -> None:
    """Worker processes are spawned on Windows and macOS; a snippet with workers forces "spawn", so Linux tests that path."""
    import re

    starting = [p for p in (ROOT / "snippets").rglob("*.py") if re.search(r"num_workers\s*=\s*[1-9]", p.read_text(encoding="utf-8"))]
    assert starting, "the Dataset and DataLoader chapter starts workers for real"
    for path in starting:
        text = path.read_text(encoding="utf-8")
        assert 'multiprocessing_context="spawn"' in text, f"{path.relative_to(ROOT)} starts workers without forcing spawn"
        assert 'if __name__ == "__main__":' in text, f"{path.relative_to(ROOT)}: spawned workers import the file; guard main()"
