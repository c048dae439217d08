"""torchsteps.models.MLP: the layer sizes, the flattening, the logits out."""
from __future__ import annotations

import pytest
import torch
from torch import nn

from torchsteps.models import MLP


def test_default_architecture() -> None:
    model = MLP()
    linears = [m for m in model.modules() if isinstance(m, nn.Linear)]
    assert [(l.in_features, l.out_features) for l in linears] == [(784, 520), (520, 320), (320, 240), (240, 120), (120, 10)]
    assert sum(isinstance(m, nn.ReLU) for m in model.modules()) == 4  # one per hidden layer, none after the output
    assert sum(p.numel() for p in model.parameters()) == 682_090  # the count quoted in "Softmax classification"
    assert isinstance(model.layers[-1], nn.Linear)  # logits, for CrossEntropyLoss


def test_flattens_images_and_accepts_flat_input() -> None:
    torch.manual_seed(0)
    model = MLP()
    images = torch.randn(5, 1, 28, 28)
    out = model(images)
    assert out.shape == (5, 10)
    torch.testing.assert_close(model(images.view(5, 784)), out)


def test_output_is_the_composition_of_its_layers() -> None:
    torch.manual_seed(0)
    model = MLP((4, 3, 2))
    x = torch.randn(6, 4)
    first, second = model.layers[0], model.layers[2]
    expected = second(torch.relu(first(x)))
    torch.testing.assert_close(model(x), expected)


def test_custom_sizes_and_activation() -> None:
    model = MLP((784, 64, 10), activation=nn.Tanh)
    assert sum(isinstance(m, nn.Tanh) for m in model.modules()) == 1
    assert model(torch.zeros(2, 1, 28, 28)).shape == (2, 10)
    assert MLP((8, 1))(torch.zeros(3, 8)).shape == (3, 1)  # no hidden layer: a linear model


def test_bad_sizes_and_bad_input_are_explained() -> None:
    with pytest.raises(ValueError, match="at least two"):
        MLP((784,))
    with pytest.raises(ValueError, match="at least two"):
        MLP((784, 0, 10))
    with pytest.raises(ValueError, match="expects 784 numbers per sample"):
        MLP()(torch.zeros(2, 3, 28, 28))


def test_gradients_reach_every_layer() -> None:
    torch.manual_seed(0)
    model = MLP()
    loss = nn.CrossEntropyLoss()(model(torch.randn(8, 1, 28, 28)), torch.arange(8))
    loss.backward()
    assert all(p.grad is not None and p.grad.abs().sum() > 0 for p in model.parameters())
