"""The datasets that ship with the course, loaded offline and checked by MD5.

Every loader reads a file from ``torchsteps/data`` (or from ``root`` when given),
verifies its checksum, and returns tensors. Nothing here touches the network.
"""
from __future__ import annotations

import csv
import gzip
import hashlib
import io
import zlib
from pathlib import Path
from typing import NamedTuple

import torch

DATA_DIR = Path(__file__).parent / "data"
SPLITS = ("train", "test", "all")

#: MD5 of each bundled file, as published in the data README.
CHECKSUMS = {
    "t10k-images-idx3-ubyte.gz": "9fb629c4189551a2d022fa330f9573f3",
    "t10k-labels-idx1-ubyte.gz": "ec29112dd5afa0611ce80d1b7f02629c",
    "diabetes.csv.gz": "b7f372850118dfaf306e2f334e6a718f",
    "names_train.csv.gz": "279fed4465b63788995257cf0a81f3af",
    "names_test.csv.gz": "3729799e72df4be417721aab647340e3",
    "shakespeare.txt.gz": "86a7586eb0ceb4cf161aeae4190c90a2",
}

_REINSTALL = "Reinstall the package (`pip install -e .` in the course folder) to restore it"


class DataFileError(ValueError):
    """A bundled data file is missing, corrupt or malformed (chapter: Tensors).

    The message names the file and says how to fix it.
    """


def data_path(filename: str, root: str | Path | None = None) -> Path:
    """Return the path of a bundled file after checking that it exists (chapter: Tensors)."""
    if filename not in CHECKSUMS:
        known = ", ".join(sorted(CHECKSUMS))
        raise ValueError(f"unknown data file {filename!r}; the bundled files are: {known}")
    path = Path(root if root is not None else DATA_DIR) / filename
    if not path.is_file():
        raise FileNotFoundError(f"data file {path} is missing. {_REINSTALL}, or pass root= a folder that holds {filename}.")
    return path


def read_bytes(filename: str, root: str | Path | None = None) -> bytes:
    """Read a bundled gzip file, verify its MD5 and return the decompressed bytes (chapter: Tensors)."""
    path = data_path(filename, root)
    raw = path.read_bytes()
    digest = hashlib.md5(raw).hexdigest()
    if digest != CHECKSUMS[filename]:
        raise DataFileError(
            f"data file {path} has MD5 {digest}, expected {CHECKSUMS[filename]}: it is damaged or replaced. {_REINSTALL}."
        )
    try:
        return gzip.decompress(raw)
    except (EOFError, OSError, zlib.error) as error:
        raise DataFileError(f"data file {path} is not a complete gzip file ({error}). {_REINSTALL}.") from error


def _check_split(split: str) -> None:
    if split not in SPLITS:
        raise ValueError(f"split={split!r} is not one of {SPLITS}; use split='train' or split='test'")


def parse_idx(data: bytes, name: str = "<bytes>") -> torch.Tensor:
    """Parse an unsigned-byte IDX file (the MNIST format) into a uint8 tensor (chapter: Tensors).

    The header is two zero bytes, the type code 0x08, the number of dimensions,
    then one big-endian 32-bit size per dimension.
    """
    if len(data) < 4 or data[0] != 0 or data[1] != 0 or data[2] != 0x08:
        raise DataFileError(f"{name} is not an unsigned-byte IDX file: bad magic number {data[:4].hex()!r}")
    ndim = data[3]
    header = 4 + 4 * ndim
    if ndim == 0 or len(data) < header:
        raise DataFileError(f"{name}: IDX header declares {ndim} dimensions but the file ends at byte {len(data)}")
    shape = [int.from_bytes(data[4 + 4 * i : 8 + 4 * i], "big") for i in range(ndim)]
    expected = 1
    for size in shape:
        expected *= size
    if len(data) - header != expected:
        raise DataFileError(f"{name}: IDX header says shape {tuple(shape)} ({expected} bytes) but {len(data) - header} bytes follow")
    if expected == 0:
        return torch.zeros(shape, dtype=torch.uint8)
    return torch.frombuffer(bytearray(data[header:]), dtype=torch.uint8).reshape(shape)


def stratified_split(y: torch.Tensor, test_every: int = 5, seed: int = 0) -> dict[str, torch.Tensor]:
    """Split indices into train and test, stratified by label, with a seeded shuffle (chapter: Tensors).

    Shuffle with a fixed generator, stable-sort by label, then send every
    ``test_every``-th index to test. Each class keeps its share in both parts.
    """
    generator = torch.Generator().manual_seed(seed)
    perm = torch.randperm(len(y), generator=generator)
    order = perm[torch.sort(y[perm], stable=True).indices]
    is_test = torch.arange(len(y)) % test_every == 0
    return {"train": order[~is_test].sort().values, "test": order[is_test].sort().values}


def mnist_split_indices(split: str = "train") -> torch.Tensor:
    """Indices into the official 10k MNIST file for the course's 8,000/2,000 split (chapter: Dataset and DataLoader)."""
    _check_split(split)
    labels = parse_idx(read_bytes("t10k-labels-idx1-ubyte.gz"), "t10k-labels-idx1-ubyte.gz").long()
    if split == "all":
        return torch.arange(len(labels))
    return stratified_split(labels)[split]


def load_mnist(split: str = "train", root: str | Path | None = None) -> tuple[torch.Tensor, torch.Tensor]:
    """MNIST digits as ``X`` (N, 1, 28, 28) float32 in [0, 1] and ``y`` (N,) int64 (chapter: Tensors).

    ``split='train'`` gives 8,000 images and ``'test'`` 2,000, from a seeded,
    stratified shuffle of the official 10,000-image test file; ``'all'`` gives all 10,000.
    """
    _check_split(split)
    images = parse_idx(read_bytes("t10k-images-idx3-ubyte.gz", root), "t10k-images-idx3-ubyte.gz")
    labels = parse_idx(read_bytes("t10k-labels-idx1-ubyte.gz", root), "t10k-labels-idx1-ubyte.gz").long()
    if images.ndim != 3 or labels.ndim != 1 or len(images) != len(labels):
        raise DataFileError(f"MNIST files disagree: images {tuple(images.shape)}, labels {tuple(labels.shape)}")
    X = images.unsqueeze(1).float() / 255  # (N, 1, 28, 28)
    if split == "all":
        return X, labels
    index = stratified_split(labels)[split]
    return X[index], labels[index]


def _csv_rows(text: str, name: str):
    """Rows of a CSV text, numbered from 1; a malformed file raises DataFileError naming it."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        yield from enumerate(reader, start=1)
    except csv.Error as error:
        raise DataFileError(f"{name} line {reader.line_num}: malformed CSV ({error})") from error


def parse_csv_floats(text: str, num_columns: int, name: str = "<text>") -> torch.Tensor:
    """Parse a headerless CSV of numbers into a float32 tensor (chapter: Multiple inputs)."""
    rows = []
    for lineno, row in _csv_rows(text, name):
        if not row:
            continue
        if len(row) != num_columns:
            raise DataFileError(f"{name} line {lineno}: expected {num_columns} columns, found {len(row)}")
        try:
            rows.append([float(value) for value in row])
        except ValueError as error:
            raise DataFileError(f"{name} line {lineno}: {error}") from error
    if not rows:
        raise DataFileError(f"{name} holds no rows")
    return torch.tensor(rows, dtype=torch.float32)


def load_diabetes(split: str = "all", root: str | Path | None = None) -> tuple[torch.Tensor, torch.Tensor]:
    """Pima diabetes: ``X`` (N, 8) float32 scaled to [-1, 1], ``y`` (N, 1) float32 in {0, 1} (chapter: Multiple inputs).

    ``'all'`` gives 759 rows; ``'train'`` and ``'test'`` a seeded, stratified 607/152 split.
    """
    _check_split(split)
    table = parse_csv_floats(read_bytes("diabetes.csv.gz", root).decode("ascii"), 9, "diabetes.csv.gz")
    X, y = table[:, :8], table[:, 8:]  # (N, 8), (N, 1)
    if split == "all":
        return X, y
    index = stratified_split(y.squeeze(1).long())[split]
    return X[index], y[index]


class Surnames(NamedTuple):
    """Surnames with their language: ``names``, ``y`` (N,) int64 and the sorted ``languages`` (chapter: Dataset and DataLoader)."""

    names: list[str]
    y: torch.Tensor
    languages: list[str]


def parse_names(text: str, name: str = "<text>") -> list[tuple[str, str]]:
    """Parse ``"name","language"`` rows; a stray comma inside a name is dropped (chapter: Dataset and DataLoader)."""
    pairs = []
    for lineno, row in _csv_rows(text, name):
        if not row:
            continue
        if len(row) != 2:
            raise DataFileError(f"{name} line {lineno}: expected 2 columns (name, language), found {len(row)}")
        surname, language = row[0].replace(",", "").strip(), row[1].strip()
        if not surname or not language:
            raise DataFileError(f"{name} line {lineno}: empty name or language")
        pairs.append((surname, language))
    if not pairs:
        raise DataFileError(f"{name} holds no rows")
    return pairs


def load_surnames(split: str = "train", root: str | Path | None = None) -> Surnames:
    """Surnames and their language of origin, 18 languages (chapter: Dataset and DataLoader).

    ``'train'`` has 13,374 names and ``'test'`` 6,700. The label numbering is
    the same for both splits: the index into the sorted list of languages.
    """
    if split not in ("train", "test"):
        raise ValueError(f"split={split!r} is not one of ('train', 'test') for surnames")
    train = parse_names(read_bytes("names_train.csv.gz", root).decode("utf-8"), "names_train.csv.gz")
    pairs = train if split == "train" else parse_names(read_bytes("names_test.csv.gz", root).decode("utf-8"), "names_test.csv.gz")
    languages = sorted({language for _, language in train})
    lookup = {language: i for i, language in enumerate(languages)}
    unknown = {language for _, language in pairs} - lookup.keys()
    if unknown:
        raise DataFileError(f"names_{split}.csv.gz has languages missing from the training file: {sorted(unknown)}")
    y = torch.tensor([lookup[language] for _, language in pairs], dtype=torch.int64)
    return Surnames([surname for surname, _ in pairs], y, languages)


def load_shakespeare(root: str | Path | None = None) -> str:
    """Tiny Shakespeare: 1,115,394 characters of plain text (chapter: Recurrent networks)."""
    return read_bytes("shakespeare.txt.gz", root).decode("utf-8")


def load(name: str, **kwargs):
    """Load a bundled dataset by name: ``mnist``, ``diabetes``, ``surnames`` or ``shakespeare`` (chapter: Tensors)."""
    loaders = {"mnist": load_mnist, "diabetes": load_diabetes, "surnames": load_surnames, "shakespeare": load_shakespeare}
    if name not in loaders:
        raise ValueError(f"unknown dataset {name!r}; choose one of {sorted(loaders)}")
    return loaders[name](**kwargs)
