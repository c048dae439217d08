"""What the chapter "Timing honestly" claims: all_cores borrows every core and gives the build its one thread back,
training_throughput measures trained steps, and on a GPU naive timing lies while synchronize and events do not."""
from __future__ import annotations

import pytest
import torch
from torch import nn

from conftest import requires_cuda, run_snippet
from pagerun import page_globals
from torchsteps.accel import all_cores, synchronize, training_throughput, usable_cores

PAGE = "beyond-cpu/timing.md"


@pytest.fixture(scope="module")
def page() -> dict:
    return page_globals(PAGE)


def test_worked_example_numbers():
    flop = 2 * 4096**3
    assert flop == pytest.approx(1.37e11, rel=0.01)
    assert flop / 5e13 == pytest.approx(2.7e-3, rel=0.02)  # "about 2.7 ms"
    assert flop / 1e-5 == pytest.approx(1.4e16, rel=0.03)  # the naive "speed"


def test_all_cores_uses_every_core_and_restores_the_count():
    before = torch.get_num_threads()
    with all_cores() as num_threads:
        assert num_threads == usable_cores() == torch.get_num_threads()
    assert torch.get_num_threads() == before
    with pytest.raises(RuntimeError, match="boom"), all_cores(1):
        raise RuntimeError("boom")
    assert torch.get_num_threads() == before  # restored even though the block raised
    with pytest.raises(ValueError, match="num_threads=0"):
        with all_cores(0):
            pass


def test_synchronize_accepts_strings_and_devices():
    synchronize("cpu")
    synchronize(torch.device("cpu"))
    if torch.cuda.is_available():
        synchronize("cuda")


def test_training_throughput_trains_and_rejects_bad_batch_sizes():
    torch.manual_seed(0)
    model = nn.Sequential(nn.Flatten(), nn.Linear(784, 10))
    X, y = torch.randn(32, 1, 28, 28), torch.randint(0, 10, (32,))
    before = [p.detach().clone() for p in model.parameters()]
    rate = training_throughput(model, X, y, 8, min_images=32)
    assert rate > 0
    assert any(not torch.equal(a, b) for a, b in zip(before, model.parameters()))  # steps were taken
    assert training_throughput(model, X, y, 8, dtype=torch.bfloat16) > 0
    with pytest.raises(ValueError, match="batch_size=64"):
        training_throughput(model, X, y, 64)


def test_page_gives_the_build_its_one_thread_back(page):
    assert torch.get_num_threads() == 1
    assert page["num_threads"] == usable_cores()


def test_warmup_and_timer_blocks(page):
    assert len(page["times_ms"]) == 8 and all(t > 0 for t in page["times_ms"])
    assert page["measurement"].median > 0 and page["n"] == 1024


def test_cpu_sweep_covers_every_batch_size(page):
    assert list(page["cpu"]) == [1, 4, 16, 64, 256]
    assert all(rate > 0 for rate in page["cpu"].values())


def test_exercises(page):
    assert len(page["singles_us"]) == 50 and page["singles_us"] == sorted(page["singles_us"])
    assert set(page["medians"]) == {1, usable_cores()}
    assert page["m"].median > 0


# --- on a CUDA GPU ---


@requires_cuda
def test_naive_gpu_timing_lies_and_synchronize_does_not():
    ns = run_snippet("timing/gpu_naive.py")
    naive, synced, events, n = ns["naive"], ns["synced"], ns["events"], ns["n"]
    assert naive < synced / 5  # the naive reading covers only the queuing
    assert 2 * n**3 / naive > 2e14  # a float32 speed no GPU has (an H100 or H200 peaks near 67 TFLOP/s)
    assert abs(events - synced) / synced < 0.5  # "agree closely"


@requires_cuda
def test_gpu_wins_at_large_batches():
    rates = run_snippet("timing/sweep_gpu.py")["rates"]
    assert rates["cuda"][1024] > rates["cpu"][1024]
    assert rates["cuda"][1024] / rates["cpu"][1024] > rates["cuda"][1] / rates["cpu"][1]  # the advantage grows
