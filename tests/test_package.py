"""device, seeding, build info, plotting and the torchvision layout of the bundled MNIST."""
from __future__ import annotations

import pytest
import torch

from conftest import requires_cuda
from torchsteps import device as device_module
from torchsteps.datasets import load_mnist, mnist_split_indices
from torchsteps.plotting import figure, svg


def test_device_order(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    monkeypatch.setattr(torch.backends.mps, "is_available", lambda: False)
    assert device_module.device() == torch.device("cpu")
    monkeypatch.setattr(torch.backends.mps, "is_available", lambda: True)
    assert device_module.device() == torch.device("mps")
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    assert device_module.device() == torch.device("cuda")


def test_manual_seed_repeats_every_source_of_randomness():
    import random

    g1 = device_module.manual_seed(3)
    a = (random.random(), torch.rand(2), torch.randperm(5, generator=g1))
    g2 = device_module.manual_seed(3)
    b = (random.random(), torch.rand(2), torch.randperm(5, generator=g2))
    assert a[0] == b[0] and torch.equal(a[1], b[1]) and torch.equal(a[2], b[2])
    with pytest.raises(ValueError, match="seed=-1"):
        device_module.manual_seed(-1)


def test_build_info_names_torch_and_device():
    info = device_module.build_info()
    assert info["torch"] == torch.__version__.split("+")[0]
    assert info["device"].startswith("CUDA" if torch.cuda.is_available() else ("CPU", "Apple"))


def test_svg_is_inline_deterministic_and_described():
    def draw():
        fig, ax = figure()
        ax.plot([0, 1, 2], [0, 1, 4])
        return svg(fig, alt="A parabola through three points")

    first, second = draw(), draw()
    assert first == second  # two builds give the same bytes
    assert first.startswith('<figure class="ts-figure"><svg role="img" aria-label="A parabola')
    assert "<?xml" not in first and "<!DOCTYPE" not in first
    with pytest.raises(ValueError, match="alt="):
        fig, _ = figure()
        svg(fig, alt=" ")


def test_torchvision_mnist_reads_the_bundled_files(tmp_path):
    from torchvision.datasets import MNIST

    from torchsteps.vision import mnist_root

    root = mnist_root(tmp_path)
    test = MNIST(root, train=False, download=False)
    X_all, y_all = load_mnist("all")
    assert len(test) == 10000
    assert torch.equal(test.data.float().unsqueeze(1) / 255, X_all) and torch.equal(test.targets, y_all)
    train = MNIST(root, train=True, download=False)
    index = mnist_split_indices("train")
    assert len(train) == 8000 and torch.equal(train.targets, y_all[index])
    assert mnist_root(tmp_path) == root  # a second call rewrites nothing and agrees


def test_mnist_root_names_an_unwritable_folder(tmp_path):
    from torchsteps.vision import mnist_root

    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(OSError, match="cache_dir=.*TORCHSTEPS_CACHE"):
        mnist_root(blocker / "inside")


def test_network_is_blocked_with_a_clear_message():
    import socket

    from offline import NetworkBlockedError

    with pytest.raises(NetworkBlockedError, match="use the bundled data"):
        socket.create_connection(("192.0.2.1", 80), timeout=1)


@requires_cuda
def test_tensors_move_to_cuda_and_back():
    x = torch.arange(4.0)
    assert torch.equal(x.to("cuda").mul(2).cpu(), x * 2)


def test_every_public_object_names_the_chapter_that_introduces_it():
    import importlib
    import inspect
    import pkgutil

    import torchsteps

    missing = []
    for info in pkgutil.iter_modules(torchsteps.__path__):
        module = importlib.import_module(f"torchsteps.{info.name}")
        for name, obj in vars(module).items():
            if name.startswith("_") or not (inspect.isfunction(obj) or inspect.isclass(obj)):
                continue
            if obj.__module__ != module.__name__:
                continue  # imported from elsewhere
            if "chapter:" not in (obj.__doc__ or ""):
                missing.append(f"{module.__name__}.{name}")
    assert not missing, f"docstrings that do not name their chapter: {missing}"
