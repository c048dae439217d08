"""The IDX and CSV parsers under hostile input: clear errors, never a crash from deep inside torch."""
from __future__ import annotations

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from torchsteps.datasets import DataFileError, parse_csv_floats, parse_idx, parse_names


def idx(shape: tuple[int, ...], payload: bytes | None = None) -> bytes:
    size = 1
    for s in shape:
        size *= s
    header = bytes([0, 0, 0x08, len(shape)]) + b"".join(s.to_bytes(4, "big") for s in shape)
    return header + (payload if payload is not None else bytes(size))


def test_idx_round_trip():
    data = idx((2, 3), bytes([1, 2, 3, 4, 5, 6]))
    assert torch.equal(parse_idx(data), torch.tensor([[1, 2, 3], [4, 5, 6]], dtype=torch.uint8))


def test_idx_wrong_magic():
    with pytest.raises(DataFileError, match="bad magic number '00000d01'"):
        parse_idx(bytes([0, 0, 0x0D, 1, 0, 0, 0, 1, 5]), "floats.idx")


def test_idx_sizes_disagree_with_header():
    with pytest.raises(DataFileError, match=r"header says shape \(2, 3\) \(6 bytes\) but 4 bytes follow"):
        parse_idx(idx((2, 3), bytes(4)))


def test_idx_header_cut_short():
    with pytest.raises(DataFileError, match="declares 3 dimensions"):
        parse_idx(bytes([0, 0, 8, 3, 0, 0, 0, 1]))


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=64))
def test_idx_fuzz_bytes_give_a_tensor_or_a_clear_error(data: bytes):
    try:
        tensor = parse_idx(data, "fuzz.idx")
    except DataFileError as error:
        assert "fuzz.idx" in str(error)
    else:
        assert tensor.dtype == torch.uint8 and tensor.numel() == len(data) - 4 - 4 * data[3]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 4), min_size=1, max_size=3), st.integers(-3, 3))
def test_idx_fuzz_headers_with_wrong_payload_length(shape: list[int], extra: int):
    size = 1
    for s in shape:
        size *= s
    data = idx(tuple(shape), bytes(max(size + extra, 0)))
    if max(size + extra, 0) == size:
        assert tuple(parse_idx(data).shape) == tuple(shape)
    else:
        with pytest.raises(DataFileError, match="bytes follow"):
            parse_idx(data)


def test_csv_empty():
    with pytest.raises(DataFileError, match="diabetes.csv holds no rows"):
        parse_csv_floats("", 9, "diabetes.csv")


def test_csv_extra_columns():
    with pytest.raises(DataFileError, match="diabetes.csv line 2: expected 3 columns, found 4"):
        parse_csv_floats("1,2,3\n1,2,3,4\n", 3, "diabetes.csv")


def test_csv_not_a_number():
    with pytest.raises(DataFileError, match="line 1: could not convert string to float: 'abc'"):
        parse_csv_floats("1,abc\n", 2, "x.csv")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789.,-e\n ab\"", max_size=80))
def test_csv_fuzz_gives_floats_or_a_clear_error(text: str):
    try:
        table = parse_csv_floats(text, 2, "fuzz.csv")
    except DataFileError as error:
        assert "fuzz.csv" in str(error)
    else:
        assert table.dtype == torch.float32 and table.shape[1] == 2


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_names_fuzz_gives_pairs_or_a_clear_error(text: str):
    try:
        pairs = parse_names(text, "fuzz.csv")
    except DataFileError as error:
        assert "fuzz.csv" in str(error)
    else:
        assert all(name and language and "," not in name for name, language in pairs)
