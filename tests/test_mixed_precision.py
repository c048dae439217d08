"""What the chapter "Mixed precision" claims: the formats' limits, what CPU autocast runs in bfloat16, the accuracy
bar for bfloat16 training, and the float16 underflow that gradient scaling cures."""
from __future__ import annotations

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from conftest import requires_cuda, run_snippet
from pagerun import page_globals

PAGE = "beyond-cpu/mixed-precision.md"


@pytest.fixture(scope="module")
def page() -> dict:
    return page_globals(PAGE)


# --- the formats ---


def test_format_limits_quoted_in_the_prose():
    f16, bf16 = torch.finfo(torch.float16), torch.finfo(torch.bfloat16)
    assert f16.eps == 2**-10 and bf16.eps == 2**-7 and bf16.eps == pytest.approx(0.0078, abs=1e-4)
    assert f16.max == 65504
    assert f16.tiny * f16.eps == 2**-24 and 2**-24 == pytest.approx(5.96e-8, rel=1e-3)
    assert bf16.max == pytest.approx(torch.finfo(torch.float32).max, rel=0.01)  # float32's range
    assert bf16.tiny == torch.finfo(torch.float32).tiny


def test_worked_example_rounding(page):
    x = page["x"]
    assert x.to(torch.float16).tolist() == [1.00390625, 0.0, float("inf")]
    bf = x.to(torch.bfloat16).tolist()
    assert bf[0] == 1.0 and bf[2] == 70144.0
    assert bf[1] == pytest.approx(1e-8, rel=0.01)  # "keeps it to two or three digits"
    assert 1e-8 * 2**16 == pytest.approx(6.55e-4, rel=1e-3)


# --- autocast on the CPU ---


@pytest.fixture(scope="module")
def dtypes_block() -> dict:
    return run_snippet("mixed_precision/autocast_dtypes.py")  # the page's later blocks reuse y_hat, h and loss


def test_autocast_dtypes(dtypes_block):
    ns = dtypes_block
    assert ns["y_hat"].dtype == torch.bfloat16 and ns["h"].dtype == torch.bfloat16
    assert ns["loss"].dtype == torch.float32
    assert ns["layer"].weight.dtype == torch.float32 and ns["layer"].weight.grad.dtype == torch.float32


def test_autocast_matmul_matches_float32_to_bfloat16_precision(dtypes_block):
    layer, X = dtypes_block["layer"], dtypes_block["X"]
    with torch.no_grad():
        reference = F.linear(X, layer.weight, layer.bias)
        with torch.autocast("cpu", dtype=torch.bfloat16):
            ours = layer(X)
    torch.testing.assert_close(ours.float(), reference, atol=0.05, rtol=0.02)
    torch.testing.assert_close(ours, F.linear(X.bfloat16(), layer.weight.bfloat16(), layer.bias.bfloat16()))


def test_bfloat16_training_keeps_the_accuracy(page):
    """BAR: CPU bf16 autocast keeps the CNN's test accuracy within 0.5 points of float32."""
    assert abs(page["acc_bf16"] - page["acc_fp32"]) <= 0.005
    assert page["acc_fp32"] > 0.95 and page["acc_bf16"] > 0.95
    assert all(p.dtype == torch.float32 for p in page["model_bf16"].parameters())  # weights stay float32
    assert page["num_epochs"] == 1


# --- float16 underflow and scaling ---


def test_underflow_and_its_cure():
    ns = run_snippet("mixed_precision/underflow.py")
    assert ns["g"].half().item() == 0.0
    assert ns["scaled"].item() == pytest.approx(6.55e-4, rel=1e-3)
    assert ns["grads"][1.0] == 0.0
    assert ns["grads"][65536.0] == pytest.approx(1e-8, rel=1e-3)
    assert f"{ns['w'].grad.item():.4g}" == "0.0006557"  # the last w is the scaled run's


def test_underflow_matches_torch_autograd_in_float32():
    w = torch.ones(1, requires_grad=True)
    ((w * 1e-4).float() * 1e-4).sum().backward()
    assert w.grad.item() == pytest.approx(1e-8, rel=1e-5)  # the true gradient float16 loses


def test_real_gradients_against_float16(page):
    fractions = page["fractions"]
    assert fractions[1.0]["zero"] == 0.0 and 0.0 < fractions[1.0]["subnormal"] < 0.05  # "a small fraction"
    assert fractions[65536.0] == {"zero": 0.0, "subnormal": 0.0, "inf": 0.0}  # all normal, nothing overflows
    assert torch.tensor(65536.0).log10().item() == pytest.approx(4.8, abs=0.02)
    assert torch.finfo(torch.float16).tiny == pytest.approx(6.1e-5, rel=0.01)


# --- exercises ---


def test_exercise_every_cnn_layer_outputs_bfloat16(page):
    assert len(page["dtypes"]) >= 5 and set(page["dtypes"].values()) == {torch.bfloat16}


def test_exercise_scaler_skips_the_overflowing_step():
    ns = run_snippet("mixed_precision/exercise_scaler.py")
    assert ns["scaler"].get_scale() == 65536.0
    torch.testing.assert_close(ns["w"].detach(), torch.full((2,), 0.9))
    scaler = torch.amp.GradScaler("cpu", init_scale=65536.0)
    w = nn.Parameter(torch.ones(1))
    optimizer = torch.optim.SGD([w], lr=0.1)
    scaler.scale((w * float("inf")).sum()).backward()
    scaler.step(optimizer)
    scaler.update()
    assert w.item() == 1.0 and scaler.get_scale() == 32768.0  # skipped, and halved


# --- on a CUDA GPU ---


@requires_cuda
def test_cuda_float16_and_bfloat16_keep_the_accuracy():
    results = run_snippet("mixed_precision/cuda_amp.py")["amp_results"]
    fp32 = results[torch.float32][0]
    for dtype in (torch.float16, torch.bfloat16):
        assert abs(results[dtype][0] - fp32) <= 0.01  # "within a point"
    assert results[torch.float16][1] >= 1.0 and results[torch.bfloat16][1] is None
