"""The chapter "MLPs, activations and initialisation": derivatives against closed forms, vanishing gradients,
initialisation, and every number its prose states."""
from __future__ import annotations

import math
from functools import cache
from pathlib import Path

import pytest
import torch

from conftest import run_snippet
import torch.nn.functional as F
from torch import nn

ROOT = Path(__file__).resolve().parent.parent


@cache
def run(name: str) -> dict:
    return run_snippet(f"activations/{name}.py")


def test_autograd_derivatives_equal_the_closed_forms():
    value_and_slope = run("functions")["value_and_slope"]
    x = torch.linspace(-6, 6, 241, dtype=torch.float64)
    s, ds = value_and_slope(torch.sigmoid, x)
    t, dt = value_and_slope(torch.tanh, x)
    r, dr = value_and_slope(torch.relu, x)
    torch.testing.assert_close(ds, s * (1 - s))
    torch.testing.assert_close(dt, 1 - t**2)
    assert torch.equal(dr, (x > 0).double())  # a step, with slope 0 at x = 0 itself
    Phi = 0.5 * (1 + torch.erf(x / math.sqrt(2)))
    phi = torch.exp(-x**2 / 2) / math.sqrt(2 * math.pi)
    torch.testing.assert_close(value_and_slope(F.gelu, x)[1], Phi + x * phi)


def test_the_page_numbers_for_the_activations():
    ns = run("functions")
    value_and_slope = ns["value_and_slope"]
    x = torch.tensor([0.0, 2.0])
    s, ds = value_and_slope(torch.sigmoid, x)
    assert ds[0].item() == 0.25 and round(s[1].item(), 4) == 0.8808 and round(ds[1].item(), 4) == 0.1050
    assert round(s[1].item() * (1 - s[1].item()), 4) == 0.1050
    assert value_and_slope(torch.relu, torch.tensor([0.0]))[1].item() == 0.0
    assert ns["ds"].max().item() == 0.25 and ns["dt"].max().item() == 1.0
    assert (ns["ds"] - ns["s"] * (1 - ns["s"])).abs().max() < 1e-7  # "up to float32 rounding"
    assert (ns["dt"] - (1 - ns["t"] ** 2)).abs().max() < 1e-7
    fine = torch.linspace(-4, 4, 8001, dtype=torch.float64)
    assert round(value_and_slope(F.gelu, fine)[1].max().item(), 2) == 1.13  # "about 1.13"
    assert math.isclose(3 * (2 * 0.7 + 1) - 1, 6 * 0.7 + 2)  # the 1-D collapse example


def test_sigmoid_gradients_vanish_and_relu_gradients_do_not():
    ns = run("vanishing")
    sigmoid, relu = ns["grad_norms"]["sigmoid"], ns["grad_norms"]["ReLU"]
    assert len(sigmoid) == len(relu) == 12
    assert sigmoid[0] / sigmoid[-1] < 1e-5  # "more than 100,000 times smaller"
    assert 0.1 < relu[0] / relu[-1] < 10
    assert max(relu) / min(relu) < 3  # "within a factor of 3 of each other"
    steps = [later / earlier for earlier, later in zip(sigmoid, sigmoid[1:])]
    assert all(2 < step < 4 for step in steps)  # "around a third" per layer
    assert math.isclose(0.25**11, 2.4e-7, rel_tol=0.02)
    assert 0.9e-5 < (math.sqrt(2) / 4) ** 11 < 1.1e-5


def test_both_stacks_start_from_the_same_weights():
    ns = run("vanishing")
    torch.manual_seed(0)
    a = ns["deep_mlp"](nn.Sigmoid, ns["kaiming"])
    torch.manual_seed(0)
    b = ns["deep_mlp"](nn.ReLU, ns["kaiming"])
    assert all(torch.equal(p, q) for p, q in zip(a.parameters(), b.parameters()))
    assert sum(isinstance(layer, nn.Linear) for layer in a) == 12
    assert all(layer.bias.abs().max() == 0 for layer in a if isinstance(layer, nn.Linear))


def test_activation_spread_at_init():
    stds = run("init_stats")["stds"]
    small, kaiming = stds["normal, std 0.01"], stds["Kaiming"]
    assert len(small) == len(kaiming) == 11
    assert all(9 < earlier / later < 17 for earlier, later in zip(small, small[1:]))
    assert 11 < (small[0] / small[-1]) ** (1 / 10) < 14  # "about 12-fold" per layer, on average
    assert small[-1] < 1e-12
    assert max(kaiming) / min(kaiming) < 2  # "stays level"
    assert math.isclose(math.sqrt(2 / 128), 0.125)
    assert math.isclose(128 * 0.01**2 / 2, 0.0064) and math.isclose(math.sqrt(0.0064), 0.08)
    assert math.isclose(0.08**10, 1e-11, rel_tol=0.1)


def test_kaiming_trains_faster_in_the_first_steps():
    losses = run("init_training")["losses"]
    small, kaiming = losses["normal, std 0.01"], losses["Kaiming"]
    assert len(small) == len(kaiming) == 120
    late_small, late_kaiming = sum(small[100:]) / 20, sum(kaiming[100:]) / 20
    assert abs(late_small - math.log(10)) < 0.01  # sits at ln 10
    assert max(abs(loss - math.log(10)) for loss in small) < 0.05  # and does not move
    assert late_kaiming < 1.0  # "below 1"
    assert late_kaiming < late_small - 1


def test_pytorch_default_linear_init_has_variance_one_third_over_n():
    torch.manual_seed(0)
    weight = nn.Linear(512, 512).weight.detach()
    assert math.isclose(weight.var().item(), 1 / (3 * 512), rel_tol=0.02)


def test_exercise_linear_collapse():
    ns = run("exercise_linear_collapse")
    torch.testing.assert_close(ns["stack"](ns["inputs"]), ns["single"](ns["inputs"]))
    assert sum(p.numel() for p in ns["stack"].parameters()) == 109_386
    assert sum(p.numel() for p in ns["single"].parameters()) == 7_850


def test_exercise_gelu_derivative():
    ns = run("exercise_gelu_derivative")
    assert (ns["by_hand"] - ns["autograd_slope"]).abs().max() < 1e-12
    i = ns["by_hand"].argmin()
    assert round(ns["x"][i].item(), 2) == -1.40
    assert round(ns["by_hand"][i].item(), 2) == -0.13
    x = -math.sqrt(2)
    exact = 0.5 * (1 + math.erf(x / math.sqrt(2))) + x * math.exp(-x * x / 2) / math.sqrt(2 * math.pi)
    assert round(exact, 2) == -0.13


def test_exercise_tanh_init():
    ns = run("exercise_tanh_init")
    assert nn.init.calculate_gain("tanh") == pytest.approx(5 / 3)
    assert nn.init.calculate_gain("relu") == pytest.approx(math.sqrt(2))
    inits, spreads = ns["tanh_inits"], {}
    for name, init in inits.items():
        torch.manual_seed(0)
        model, h, spreads[name] = ns["deep_mlp"](nn.Tanh, init), ns["X_batch"], []
        with torch.inference_mode():
            for layer in model:
                h = layer(h)
                if isinstance(layer, nn.Tanh):
                    spreads[name].append(h.std().item())
    assert spreads["normal, std 0.01"][2] < 0.01  # dies out within a few layers
    plain = spreads["Xavier, gain 1"]
    assert plain[-1] < 0.6 * plain[0] and all(b <= a + 1e-3 for a, b in zip(plain, plain[1:]))  # drifts down
    gained = spreads["Xavier, gain 5/3"]
    assert min(gained[-5:]) > 0.5 and max(gained[-5:]) - min(gained[-5:]) < 0.02  # settles


def test_nn_linear_default_is_kaiming_uniform_with_a_sqrt5_bound_one_over_sqrt_n():
    """ "it runs kaiming_uniform_(weight, a=math.sqrt(5)) ... the uniform distribution on (-1/sqrt(n), 1/sqrt(n)), variance 1/(3n)". """
    import math

    n = 128
    torch.manual_seed(0)
    default = torch.nn.Linear(n, 512).weight.detach()
    torch.manual_seed(0)
    by_hand = torch.empty(512, n)
    torch.nn.init.kaiming_uniform_(by_hand, a=math.sqrt(5))
    assert torch.equal(default, by_hand)  # the same draw: this is what nn.Linear calls
    assert default.abs().max() <= 1 / math.sqrt(n)
    assert math.isclose(default.var().item(), 1 / (3 * n), rel_tol=0.05)


def test_the_softmax_chapters_mlp_has_four_hidden_layers():
    from torchsteps.models import MLP

    linears = [m for m in MLP().modules() if isinstance(m, torch.nn.Linear)]
    assert len(linears) - 1 == 4  # "one with four hidden layers"
