"""The bundled datasets: shapes, splits, checksums, and clear errors for bad input."""
from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest
import torch

from torchsteps import datasets
from torchsteps.datasets import DataFileError


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of the bundled files, safe to damage."""
    for name in datasets.CHECKSUMS:
        shutil.copy(datasets.DATA_DIR / name, tmp_path / name)
    return tmp_path


def test_every_bundled_file_matches_its_published_md5():
    for name in datasets.CHECKSUMS:
        assert datasets.read_bytes(name)  # raises on a mismatch


def test_mnist_split_sizes_dtypes_and_range():
    X, y = datasets.load_mnist("train")
    X_test, y_test = datasets.load_mnist("test")
    assert X.shape == (8000, 1, 28, 28) and X.dtype == torch.float32
    assert y.shape == (8000,) and y.dtype == torch.int64
    assert X_test.shape == (2000, 1, 28, 28) and y_test.shape == (2000,)
    assert 0.0 <= X.min() and X.max() <= 1.0
    X_all, y_all = datasets.load_mnist("all")
    assert X_all.shape == (10000, 1, 28, 28)


def test_mnist_split_is_disjoint_stratified_and_not_by_position():
    train, test = datasets.mnist_split_indices("train"), datasets.mnist_split_indices("test")
    assert len(set(train.tolist()) & set(test.tolist())) == 0
    assert len(train) + len(test) == 10000
    _, y_all = datasets.load_mnist("all")
    share_all = torch.bincount(y_all, minlength=10) / 10000
    share_test = torch.bincount(y_all[test], minlength=10) / 2000
    assert (share_all - share_test).abs().max() < 0.002  # every class keeps its share
    # Both halves of the file (cleaner first 5,000, harder last 5,000) feed the test split.
    from_second_half = (test >= 5000).float().mean().item()
    assert 0.45 < from_second_half < 0.55


def test_split_is_the_same_every_call():
    assert torch.equal(datasets.mnist_split_indices("test"), datasets.mnist_split_indices("test"))
    X1, _ = datasets.load_mnist("test")
    X2, _ = datasets.load_mnist("test")
    assert torch.equal(X1, X2)


def test_diabetes():
    X, y = datasets.load_diabetes()
    assert X.shape == (759, 8) and y.shape == (759, 1)
    assert X.dtype == y.dtype == torch.float32
    assert set(y.unique().tolist()) == {0.0, 1.0}
    assert X.abs().max() <= 1.0
    X_train, _ = datasets.load_diabetes("train")
    X_test, _ = datasets.load_diabetes("test")
    assert (len(X_train), len(X_test)) == (607, 152)


def test_surnames_handles_stray_commas_and_shares_labels():
    train, test = datasets.load_surnames("train"), datasets.load_surnames("test")
    assert len(train.names) == 13374 and len(test.names) == 6700
    assert len(train.languages) == 18 and train.languages == test.languages
    assert not any("," in name for name in train.names + test.names)
    assert "Lytkin" in train.names + test.names
    assert train.y.dtype == torch.int64 and int(train.y.max()) == 17
    assert train.languages[train.y[0]] == "Czech"


def test_shakespeare():
    text = datasets.load_shakespeare()
    assert len(text) == 1115394 and text.startswith("First Citizen:")


def test_load_by_name():
    X, _ = datasets.load("diabetes")
    assert X.shape == (759, 8)


# Bad input: each error names the file or argument and says what to do.

def test_unknown_split_names_the_argument():
    with pytest.raises(ValueError, match=r"split='validation'.*split='train'"):
        datasets.load_mnist("validation")
    with pytest.raises(ValueError, match="split='all'.*surnames"):
        datasets.load_surnames("all")


def test_unknown_dataset_lists_the_choices():
    with pytest.raises(ValueError, match=r"unknown dataset 'cifar'.*'diabetes'"):
        datasets.load("cifar")


def test_missing_file_names_it_and_says_how_to_fix(data_copy: Path):
    (data_copy / "diabetes.csv.gz").unlink()
    with pytest.raises(FileNotFoundError, match=r"diabetes\.csv\.gz is missing\. Reinstall"):
        datasets.load_diabetes(root=data_copy)


def test_wrong_checksum_names_the_file(data_copy: Path):
    path = data_copy / "t10k-labels-idx1-ubyte.gz"
    path.write_bytes(gzip.compress(b"\x00\x00\x08\x01\x00\x00\x00\x01\x07"))
    with pytest.raises(DataFileError, match=r"t10k-labels-idx1-ubyte\.gz has MD5 .* expected ec29112d"):
        datasets.load_mnist(root=data_copy)


def test_truncated_gzip_is_reported_not_half_read(data_copy: Path, monkeypatch):
    path = data_copy / "shakespeare.txt.gz"
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) // 2])
    # Pretend the truncated file is the published one, so the gzip check itself is exercised.
    monkeypatch.setitem(datasets.CHECKSUMS, "shakespeare.txt.gz", __import__("hashlib").md5(raw[: len(raw) // 2]).hexdigest())
    with pytest.raises(DataFileError, match=r"shakespeare\.txt\.gz is not a complete gzip file"):
        datasets.load_shakespeare(root=data_copy)


def test_unknown_data_file():
    with pytest.raises(ValueError, match="unknown data file 'train-images-idx3-ubyte.gz'"):
        datasets.data_path("train-images-idx3-ubyte.gz")
