"""What the chapter "Wider and deeper: Inception and residual blocks" claims: the blocks' shapes and parameter
counts, clear errors, the residual block against a functional reference, the gradient measurement, the MNIST
comparison, and every number its prose quotes."""
from __future__ import annotations

import math

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from pagerun import page_globals
from torchsteps.blocks import InceptionBlock, ResidualBlock, SmallInceptionNet, SmallResNet, conv_bn_relu
from torchsteps.cnn import CNN, mnist_loaders

PAGE = "structure/inception-resnet.md"
BLOCK_3A = dict(c1=64, c3_reduce=96, c3=128, c5_reduce=16, c5=32, pool_proj=32)


@pytest.fixture(scope="module")
def page() -> dict:
    return page_globals(PAGE)


def n_parameters(module: nn.Module) -> int:
    return sum(p.numel() for p in module.parameters())


def conv_weights(module: nn.Module) -> int:
    return sum(m.weight.numel() for m in module.modules() if isinstance(m, nn.Conv2d))


# --- the Inception block: shapes, channels, parameters ---


@pytest.mark.parametrize("in_channels, channels, size", [(3, (2, 3, 4, 1, 5, 6), 9), (16, (8, 12, 16, 4, 4, 4), 12), (32, (16, 16, 24, 8, 12, 12), 6)])
def test_inception_block_shapes(in_channels, channels, size) -> None:
    c1, c3_reduce, c3, c5_reduce, c5, pool_proj = channels
    block = InceptionBlock(in_channels, c1, c3_reduce, c3, c5_reduce, c5, pool_proj)
    x = torch.randn(2, in_channels, size, size)
    shapes = {name: tuple(branch(x).shape) for name, branch in block.branches.items()}
    assert shapes == {"1x1": (2, c1, size, size), "3x3": (2, c3, size, size), "5x5": (2, c5, size, size), "pool": (2, pool_proj, size, size)}
    assert block.out_channels == c1 + c3 + c5 + pool_proj
    assert block(x).shape == (2, block.out_channels, size, size)


def test_inception_block_is_the_concatenation_of_its_branches() -> None:
    block = InceptionBlock(6, 2, 3, 4, 1, 5, 6).eval()  # eval: batch norm uses fixed statistics
    x = torch.randn(3, 6, 7, 7)
    torch.testing.assert_close(block(x), torch.cat([b(x) for b in block.branches.values()], dim=1))
    # the pool branch: max pooling with stride 1 keeps H and W, then a 1x1 projection
    pool, _ = block.branches["pool"]
    torch.testing.assert_close(pool(x), F.max_pool2d(x, 3, stride=1, padding=1))


def test_block_3a_channels_and_parameter_counts(page) -> None:
    block = InceptionBlock(192, **BLOCK_3A)
    assert block.out_channels == 256 == 64 + 128 + 32 + 32
    counts = {name: conv_weights(branch) for name, branch in block.branches.items()}
    assert counts == {"1x1": 12_288, "3x3": 129_024, "5x5": 15_872, "pool": 6_144}
    assert conv_weights(block) == 163_328
    naive = page["naive"]
    assert {name: conv_weights(m) for name, m in naive.items()} == {"1x1": 12_288, "3x3": 221_184, "5x5": 153_600, "pool": 0}
    assert page["total_naive"] == 387_072 and page["total"] == 163_328
    assert sum(page["naive_channels"].values()) == 416
    assert round(387_072 / 163_328, 2) == 2.37  # "2.37 times the weights and the multiply-adds"
    assert round(387_072 * 784 / 1e6, 1) == 303.5 and round(163_328 * 784 / 1e6, 1) == 128.0


def test_worked_example_of_the_reduction() -> None:
    assert 5 * 5 * 192 * 32 == 153_600
    assert 192 * 16 == 3_072 and 5 * 5 * 16 * 32 == 12_800 and 3_072 + 12_800 == 15_872
    assert round(153_600 / 15_872, 1) == 9.7
    direct = nn.Conv2d(192, 32, 5, bias=False)
    reduced = nn.Sequential(nn.Conv2d(192, 16, 1, bias=False), nn.Conv2d(16, 32, 5, bias=False))
    assert n_parameters(direct) == 153_600 and n_parameters(reduced) == 15_872


def test_block_channels_match_torchvision_googlenet() -> None:
    """Exercise 3's table of GoogLeNet's nine blocks, against torchvision's own GoogLeNet."""
    torchvision = pytest.importorskip("torchvision")
    ns = page_globals(PAGE)
    reference = torchvision.models.googlenet(weights=None, aux_logits=False, init_weights=False)
    for name, config in ns["googlenet"].items():
        theirs = getattr(reference, f"inception{name}")
        in_channels, c1, c3_reduce, c3, c5_reduce, c5, pool_proj = config
        assert (theirs.branch1.conv.in_channels, theirs.branch1.conv.out_channels) == (in_channels, c1)
        assert (theirs.branch2[0].conv.out_channels, theirs.branch2[1].conv.out_channels) == (c3_reduce, c3)
        assert (theirs.branch3[0].conv.out_channels, theirs.branch3[1].conv.out_channels) == (c5_reduce, c5)
        assert theirs.branch4[1].conv.out_channels == pool_proj
        assert InceptionBlock(*config).out_channels == c1 + c3 + c5 + pool_proj
    assert reference.inception3a.branch3[1].conv.kernel_size == (3, 3)  # the quirk the page mentions


# --- the residual block ---


def test_residual_block_shapes_and_shortcuts(page) -> None:
    same, down = page["same"], page["down"]
    assert isinstance(same.shortcut, nn.Identity)
    assert isinstance(down.shortcut[0], nn.Conv2d) and down.shortcut[0].kernel_size == (1, 1) and down.shortcut[0].stride == (2, 2)
    assert n_parameters(ResidualBlock(16, 16)) == 4_672 and n_parameters(ResidualBlock(16, 32, stride=2)) == 14_528
    assert down.shortcut[0].weight.numel() == 512 == 16 * 32
    x = torch.randn(2, 16, 12, 12)
    assert ResidualBlock(16, 16)(x).shape == (2, 16, 12, 12)
    assert ResidualBlock(16, 32, stride=2)(x).shape == (2, 32, 6, 6)
    assert ResidualBlock(16, 16, stride=2)(x).shape == (2, 16, 6, 6)  # a stride alone also needs the projection
    assert not isinstance(ResidualBlock(16, 16, stride=2).shortcut, nn.Identity)
    assert ResidualBlock(8, 16)(torch.randn(1, 8, 5, 5)).shape == (1, 16, 5, 5)  # odd sizes work too


def _randomise_batch_norms(module: nn.Module) -> None:
    for bn in module.modules():
        if isinstance(bn, nn.BatchNorm2d):
            bn.running_mean.uniform_(-0.5, 0.5)
            bn.running_var.uniform_(0.5, 2.0)
            bn.weight.data.uniform_(0.5, 1.5)
            bn.bias.data.uniform_(-0.5, 0.5)


def test_residual_block_matches_a_functional_reference() -> None:
    """relu(F(x) + shortcut(x)) written with F.conv2d and F.batch_norm, forward and backward, in eval mode."""
    torch.manual_seed(0)
    block = ResidualBlock(4, 6, stride=2)
    _randomise_batch_norms(block)
    block.eval()

    def bn(x, m):
        return F.batch_norm(x, m.running_mean, m.running_var, m.weight, m.bias, training=False, eps=m.eps)

    (conv1, bn1, _), conv2, bn2 = block.residual
    proj, bn3 = block.shortcut
    x = torch.randn(2, 4, 9, 9, requires_grad=True)
    residual = bn(F.conv2d(F.relu(bn(F.conv2d(x, conv1.weight, stride=2, padding=1), bn1)), conv2.weight, padding=1), bn2)
    expected = F.relu(residual + bn(F.conv2d(x, proj.weight, stride=2), bn3))
    ours = block(x)
    torch.testing.assert_close(ours, expected)
    (grad_ours,) = torch.autograd.grad(ours.square().sum(), x)
    (grad_ref,) = torch.autograd.grad(expected.square().sum(), x)
    torch.testing.assert_close(grad_ours, grad_ref)


def test_zero_last_batch_norm_makes_the_identity(page) -> None:
    assert page["same"].residual[-1].weight.abs().sum().item() == 0  # the page zeroed it
    block = ResidualBlock(8, 8)
    nn.init.zeros_(block.residual[-1].weight)
    x = torch.relu(torch.randn(3, 8, 6, 6))
    assert torch.equal(block(x), x)
    assert torch.equal(block.eval()(x), x)


# --- clear errors for bad arguments ---


@pytest.mark.parametrize("make, name", [
    (lambda: InceptionBlock(0, **BLOCK_3A), "in_channels"),
    (lambda: InceptionBlock(192, **{**BLOCK_3A, "c5": -1}), "c5"),
    (lambda: InceptionBlock(192, **{**BLOCK_3A, "c3_reduce": 2.5}), "c3_reduce"),
    (lambda: InceptionBlock(192, **{**BLOCK_3A, "pool_proj": True}), "pool_proj"),
    (lambda: ResidualBlock(16, 0), "out_channels"),
    (lambda: ResidualBlock(-3, 16), "in_channels"),
    (lambda: ResidualBlock(16, 16, stride=3), "stride"),
    (lambda: ResidualBlock(16, 16, stride=0), "stride"),
    (lambda: conv_bn_relu(4, 8, 2), "kernel_size"),
    (lambda: conv_bn_relu(4, 8, -1), "kernel_size"),
    (lambda: conv_bn_relu(4, 8, "3"), "kernel_size"),
    (lambda: conv_bn_relu(4, 0, 3), "out_channels"),
    (lambda: SmallInceptionNet(num_classes=0), "num_classes"),
    (lambda: SmallResNet(num_classes=1.5), "num_classes"),
])
def test_bad_constructor_arguments_name_the_argument(make, name) -> None:
    with pytest.raises(ValueError, match=rf"^{name}="):
        make()


def test_wrong_input_shape_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match=r"InceptionBlock expects input of shape \(B, 192, H, W\), got \(2, 3, 28, 28\)"):
        InceptionBlock(192, **BLOCK_3A)(torch.randn(2, 3, 28, 28))
    with pytest.raises(ValueError, match=r"ResidualBlock expects input of shape \(B, 16, H, W\)"):
        ResidualBlock(16, 16)(torch.randn(16, 12, 12))
    with pytest.raises(ValueError, match=r"SmallResNet expects input of shape \(B, 1, H, W\)"):
        SmallResNet()(torch.randn(2, 28, 28))


# --- the small nets ---


def test_small_nets_shapes_and_parameters() -> None:
    x = torch.randn(2, 1, 28, 28)
    for net, parameters in ((SmallInceptionNet(), 16_570), (SmallResNet(), 22_522), (CNN(), 18_426)):
        assert net(x).shape == (2, 10)
        assert n_parameters(net) == parameters
    assert SmallResNet(num_classes=3)(x).shape == (2, 3)
    # the two nets start with the CNN's first block
    for net in (SmallInceptionNet(), SmallResNet()):
        assert [type(m) for m in net.features[:4]] == [type(m) for m in CNN().features[:4]]


def test_inception_net_runs_13_convolutions_and_5_poolings() -> None:
    net = SmallInceptionNet()
    assert sum(isinstance(m, nn.Conv2d) for m in net.modules()) == 13
    assert sum(isinstance(m, nn.MaxPool2d) for m in net.modules()) == 5


# --- the gradient measurement ---


def test_worked_example_of_the_paths() -> None:
    assert 0.1**20 == pytest.approx(1e-20)
    assert round(1.1**20, 4) == 6.7275
    terms = [math.comb(20, k) * 0.1**k for k in range(21)]
    assert [round(t, 4) for t in terms[:5]] == [1, 2, 1.9, 1.14, 0.4845]
    assert sum(terms) == pytest.approx(1.1**20)


def test_identity_paths_keep_the_first_layer_gradient(page) -> None:
    norms, depths = page["norms"], page["depths"]
    assert depths == (5, 10, 20, 40)
    plain = {d: norms[d, False][0] for d in depths}
    residual = {d: norms[d, True][0] for d in depths}
    assert float(f"{plain[20]:.1e}") == 1.4e-11  # "down to 1.4 x 10^-11 at 20 layers"
    assert float(f"{residual[20] / plain[20]:.1e}") == 5.7e11  # "5.7 x 10^11 times larger"
    assert residual[20] / plain[20] > 1e10  # orders of magnitude
    for shallow, deep in zip(depths, depths[1:]):
        assert math.log10(plain[shallow] / plain[deep]) >= 2 * (deep - shallow) / 5  # "two or more orders per 5 layers"
        assert residual[deep] >= residual[shallow]  # "it does not fall at all"
    assert 50 < residual[40] < 200  # "about 100 at 40 layers"


def test_gradient_flow_is_the_same_stack_with_the_same_weights(page) -> None:
    torch.manual_seed(0)
    a = page["Stack"](5, identity=False)
    torch.manual_seed(0)
    b = page["Stack"](5, identity=True)
    for p, q in zip(a.parameters(), b.parameters()):
        assert torch.equal(p, q)


def test_per_layer_figure_claims(page) -> None:
    plain, residual = page["norms"][20, False], page["norms"][20, True]
    assert all(5 < g < 15 for g in residual)  # alt text: level, between about 5 and 15
    assert all(1e-12 < g < 1e-10 for g in plain[:5])  # about 1e-11 at layers 1 to 5
    assert plain[-1] / plain[0] > 1e8
    steps = [math.log10(plain[i + 1] / plain[i]) for i in range(len(plain) - 1)]
    assert 0.3 < sum(steps) / len(steps) < 0.7  # about half an order of magnitude per layer


# --- the MNIST comparison ---


def test_three_nets_pass_96_percent_within_noise(page) -> None:
    results = page["results"]
    assert list(results) == ["plain CNN", "small Inception net", "small residual net"]
    assert page["num_epochs"] == 1 and page["train_size"] == 4000 and len(page["train_loader"].dataset) == 4000  # "the first 4,000"
    accuracies = [accuracy for _, _, accuracy in results.values()]
    assert all(accuracy >= 0.96 for accuracy in accuracies)  # "All three pass 96%"
    assert [parameters for parameters, _, _ in results.values()] == [18_426, 16_570, 22_522]
    spread = max(accuracies) - min(accuracies)
    errors = [math.sqrt(a * (1 - a) / 2000) for a in accuracies]
    assert all(0.0033 < e < 0.0045 for e in errors)  # "about 0.4 points each"
    difference_error = math.sqrt(2) * max(errors)
    assert 0.005 < difference_error < 0.006  # "near 0.55 points"
    assert spread <= 0.0100 + 1e-9 and spread < 2 * difference_error  # "within 1.0 point", "less than two standard errors of a difference"
    assert page["n_test"] == 2000


def test_every_net_sees_the_same_batches(page) -> None:
    """The loop reseeds the one training loader, so each net trains on the same batches as a fresh loader would give."""
    loader = page["train_loader"]
    state = loader.generator.get_state()  # the page's namespace is shared: leave its loader as it was
    loader.generator.manual_seed(0)
    reseeded = [y for _, y in loader]
    loader.generator.set_state(state)
    fresh = [y for _, y in mnist_loaders(64, seed=0, train_size=4000)[0]]
    assert len(reseeded) == 63 and all(torch.equal(a, b) for a, b in zip(reseeded, fresh))


def test_mnist_loaders_train_size() -> None:
    train_loader, test_loader = mnist_loaders(64, train_size=4000)
    X_all = mnist_loaders(64)[0].dataset.tensors[0]
    assert len(train_loader.dataset) == 4000 and len(test_loader.dataset) == 2000
    torch.testing.assert_close(train_loader.dataset.tensors[0], X_all[:4000])  # the first 4,000, normalised as before
    for bad in (0, 8001, 2.5, True):
        with pytest.raises(ValueError, match="train_size="):
            mnist_loaders(64, train_size=bad)


# --- exercises ---


def test_exercise_kaiming(page) -> None:
    for depth, grads in page["kaiming"].items():
        assert 0.1 < grads[0] / grads[-1] < 10  # "of the same order as its last layer's"
        assert grads[0] > 1e6 * page["norms"][depth, False][0]


def test_exercise_one_by_one(page) -> None:
    torch.testing.assert_close(page["conv"](page["x"]), page["per_position"])
    conv = nn.Conv2d(5, 3, 1)
    x = torch.randn(2, 5, 4, 4)
    reference = torch.einsum("oc,bchw->bohw", conv.weight.flatten(1), x) + conv.bias.view(1, 3, 1, 1)
    torch.testing.assert_close(conv(x), reference)


def test_exercise_pool_projection(page) -> None:
    assert page["with_projection"] == 1024 and page["without"] == 4944
    assert round(4944 / 1024, 1) == 4.8  # "about five times"
