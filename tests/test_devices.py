"""What the chapter "Device-agnostic code" claims: pick_device follows torch.accelerator, batches move the same way
in the loop or through DeviceDataLoader, the device errors are the ones shown, and checkpoints load on the CPU."""
from __future__ import annotations

import pytest
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from conftest import requires_cuda, run_snippet
from pagerun import page_globals
from torchsteps import accel
from torchsteps.accel import DeviceDataLoader, pick_device, to_device

PAGE = "beyond-cpu/devices.md"


@pytest.fixture(scope="module")
def page() -> dict:
    return page_globals(PAGE)


# --- choosing the device ---


def test_pick_device_follows_torch_accelerator():
    expected = torch.accelerator.current_accelerator() if torch.accelerator.is_available() else torch.device("cpu")
    assert pick_device() == expected
    if torch.cuda.is_available():
        assert pick_device().type == "cuda"


def test_pick_device_is_the_cpu_when_no_accelerator_is_there(monkeypatch):
    monkeypatch.setattr(torch.accelerator, "is_available", lambda: False)
    assert pick_device() == torch.device("cpu")


def test_pick_device_without_torch_accelerator_asks_each_backend(monkeypatch):
    """torch 2.4 and 2.5 have no torch.accelerator: the fallback asks CUDA, then MPS, then XPU."""
    monkeypatch.delattr(torch, "accelerator")
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    monkeypatch.setattr(torch.backends.mps, "is_available", lambda: False)
    if hasattr(torch, "xpu"):
        monkeypatch.setattr(torch.xpu, "is_available", lambda: False)
    assert pick_device() == torch.device("cpu")
    monkeypatch.setattr(torch.backends.mps, "is_available", lambda: True)
    assert pick_device() == torch.device("mps")
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    assert pick_device() == torch.device("cuda")


def test_current_accelerator_names_the_build_not_the_hardware():
    """The prose: a wheel built with CUDA says cuda even without a GPU, so ask is_available() first."""
    if torch.version.cuda is not None:
        assert torch.accelerator.current_accelerator().type == "cuda"
    if not torch.accelerator.is_available():
        assert torch.accelerator.current_accelerator(check_available=True) is None


def test_worked_example_numbers():
    numbers = 64 * 1 * 28 * 28
    assert numbers == 50_176 and numbers * 4 == 200_704
    assert 200_704 / 25e9 == pytest.approx(8e-6, rel=0.01)  # "about 8 µs"
    assert 8_000 * 784 * 4 == 25_088_000
    assert 25_088_000 / 25e9 == pytest.approx(1e-3, rel=0.01)  # "about 1 ms"


# --- moving tensors, models and batches ---


def test_to_returns_the_same_tensor_when_already_there():
    ns = run_snippet("devices/move.py")  # the page's later blocks reuse the names x and w
    if ns["device"].type == "cpu":
        assert ns["x_dev"] is ns["x"]
    assert ns["x_dev"].device.type == ns["w"].device.type == ns["device"].type
    x = torch.ones(2)
    assert x.to("cpu") is x and x.to("cpu", non_blocking=True) is x


def test_model_moves_in_place():
    ns = run_snippet("devices/move.py")
    assert ns["returned"] is ns["model"]
    assert {p.device.type for p in ns["model"].parameters()} == {ns["device"].type}
    assert {b.device.type for b in ns["model"].buffers()} == {ns["device"].type}
    assert ns["y_hat"].shape == (8, 10)


def test_to_device_moves_nested_batches_and_keeps_their_types():
    batch = {"x": torch.ones(2), "pair": (torch.zeros(1), [torch.ones(3)])}
    moved = to_device(batch, "meta")
    assert moved["x"].device.type == "meta" and isinstance(moved["pair"], tuple) and isinstance(moved["pair"][1], list)
    assert moved["pair"][1][0].device.type == "meta" and moved["pair"][1][0].shape == (3,)
    x = torch.ones(2)
    assert to_device(x, torch.device("cpu")) is x  # already there: no copy


def test_to_device_rejects_bad_input_clearly():
    with pytest.raises(TypeError, match="tuple, list or dict of tensors"):
        to_device("not a batch", "cpu")
    with pytest.raises(ValueError, match="device='gpu' is not a device"):
        to_device(torch.ones(1), "gpu")
    with pytest.raises(TypeError, match="device must be a torch.device or a string"):
        to_device(torch.ones(1), 3.5)


def test_device_data_loader_wraps_a_loader():
    loader = DataLoader(TensorDataset(torch.arange(10.0), torch.arange(10)), batch_size=4)
    wrapped = DeviceDataLoader(loader, "meta")
    batches = list(wrapped)
    assert len(wrapped) == len(batches) == 3  # the exercise's "3 batches"
    assert all(t.device.type == "meta" for batch in batches for t in batch)
    assert wrapped.dataset is loader.dataset and wrapped.batch_size == 4  # attributes come from the loader
    with pytest.raises(TypeError, match="loader must be iterable"):
        DeviceDataLoader(42, "cpu")
    with pytest.raises(AttributeError):
        wrapped.no_such_attribute


def test_both_ways_of_moving_batches_give_the_same_model(page):
    assert page["same"] is True and page["largest"] == 0.0
    for a, b in zip(page["model_a"].state_dict().values(), page["model_b"].state_dict().values()):
        assert torch.equal(a, b)
    assert page["num_images"] == 2048 and len(page["dataset"]) == 2048


def test_pin_memory_only_where_cuda_can_use_it(page):
    assert page["make_loader"]().pin_memory == (page["device"].type == "cuda")


@pytest.mark.skipif(torch.accelerator.is_available(), reason="the warning is about a machine without an accelerator")
def test_pin_memory_warns_without_an_accelerator():
    loader = DataLoader(TensorDataset(torch.ones(4, 2)), batch_size=2, pin_memory=True)
    with pytest.warns(UserWarning, match="no accelerator is found"):
        next(iter(loader))


def test_pinned_snippet():
    ns = run_snippet("devices/pinned.py")
    assert ns["batch"].is_pinned() is False and ns["moved"] is ns["batch"]


# --- errors ---


def test_device_mismatch_message_names_both_devices(page):
    assert "meta" in page["mismatch"] and "cpu" in page["mismatch"]
    with pytest.raises(RuntimeError, match="device"):
        nn.Linear(4, 2).to("meta")(torch.randn(8, 4))


def test_numpy_on_a_tensor_that_requires_grad(page):
    assert "requires grad" in page["numpy_error"] and "detach().numpy()" in page["numpy_error"]
    w = page["param"]
    torch.testing.assert_close(torch.from_numpy(w.detach().cpu().numpy()), w.detach())


# --- checkpoints ---


def test_checkpoint_loads_on_the_cpu_with_the_same_predictions(page):
    assert {t.device.type for t in page["state"].values()} == {"cpu"}
    assert page["agree"] is True
    torch.testing.assert_close(page["y_hat_cpu"], page["y_hat_dev"], atol=1e-4, rtol=1e-4)


# --- exercises ---


def test_exercise_optimizer_order(page):
    ns = run_snippet("devices/exercise_optimizer.py")
    model = nn.Linear(4, 2)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    model.to("meta")
    assert not all(p is q for p, q in zip(optimizer.param_groups[0]["params"], model.parameters()))  # "replaced"
    assert all(p is q for p, q in zip(ns["tracked"], ns["model"].parameters()))  # the right order


def test_exercise_dict_batch():
    ns = run_snippet("devices/exercise_dict_batch.py")
    assert ns["batch"]["image"].shape == (4, 1, 28, 28) and ns["batch"]["label"].shape == (4,)
    assert {v.device.type for v in ns["batch"].values()} == {"meta"}
    assert len(DeviceDataLoader(ns["loader"], "meta")) == 3


def test_exercise_scalar_exception():
    x = torch.ones(3, device="meta")
    assert (x * torch.tensor(2.0)).device.type == "meta"
    assert (x * 2.0).device.type == "meta"
    with pytest.raises(RuntimeError, match="not on the expected device"):
        x * torch.tensor([2.0])


# --- on a CUDA GPU ---


@requires_cuda
def test_cuda_error_messages():
    messages = run_snippet("devices/errors_cuda.py")["messages"]
    assert len(messages) == 3
    assert "cuda" in messages["a CUDA tensor plus a CPU tensor"] and "cpu" in messages["a CUDA tensor plus a CPU tensor"]
    assert "numpy" in messages[".numpy() on a CUDA tensor"] and "cpu()" in messages[".numpy() on a CUDA tensor"]
    assert "cuda" in messages["a model on the GPU fed a CPU batch"].lower()


@requires_cuda
def test_pinned_copies_return_at_once_and_pageable_ones_do_not():
    results = run_snippet("devices/pinned_cuda.py")["results"]
    returned, done = results["pinned"]
    assert returned < 0.5 * done  # "returns long before the copy finishes"
    returned, done = results["pageable"]
    assert returned > 0.5 * done  # "returns only at about the time the copy is done"


@requires_cuda
def test_cuda_checkpoint_map_location():
    ns = run_snippet("devices/checkpoint_cuda.py")
    assert {t.device.type for t in ns["as_saved"].values()} == {"cuda"}
    assert {t.device.type for t in ns["on_cpu"].values()} == {"cpu"}
