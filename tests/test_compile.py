"""What the chapter "torch.compile" claims: the compiled training step is the same function and (here) faster, the
compile cost is counted apart, the break-even arithmetic follows from the measurements, and graph breaks are found,
forbidden and removed."""
from __future__ import annotations

import math
import runpy
from pathlib import Path

import pytest
import torch
from pagerun import page_globals

from torchsteps.cnn import CNN

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = ROOT / "snippets" / "compile"
PAGE = "beyond-cpu/compile.md"


@pytest.fixture(scope="module")
def ns() -> dict:
    return page_globals(PAGE)


def run(name: str) -> dict:
    return runpy.run_path(str(SNIPPETS / f"{name}.py"))


def test_worked_example() -> None:
    assert 12 / 0.002 == pytest.approx(6000) and 6000 / 125 == 48


def test_a_cpp_compiler_is_there(ns) -> None:
    import os
    import shutil

    assert shutil.which(os.environ.get("CXX", "g++"))


def test_compiled_module_is_the_same_model(ns) -> None:
    compiled, model = ns["compiled"], ns["model"]
    assert compiled._orig_mod is model  # it wraps the model and shares its weights
    assert ns["difference"] < 1e-4  # (calling compiled again here would recompile: the page reset the compiler since)


def test_timings_and_compile_cost_are_measured_apart(ns) -> None:
    eager_ms, compiled_ms, compile_s, warm_s = ns["eager_ms"], ns["compiled_ms"], ns["compile_s"], ns["warm_s"]
    assert eager_ms > 0 and compiled_ms > 0 and compile_s > 0 and warm_s > 0
    assert compile_s > 100 * eager_ms / 1000  # a compile costs far more than a step
    assert eager_ms - compiled_ms < 50  # "saves milliseconds at most"
    assert compiled_ms < 2 * eager_ms  # the same work: never far slower
    assert warm_s < 0.5 * compile_s  # "the warm cache cuts that cost to a fraction"


def test_break_even_follows_from_the_measurements(ns) -> None:
    saved_s = (ns["eager_ms"] - ns["compiled_ms"]) / 1000
    assert ns["saved_s"] == pytest.approx(saved_s)
    assert ns["steps_per_epoch"] == 125
    if saved_s > 0:
        cold_steps = math.ceil(ns["compile_s"] / saved_s)
        assert cold_steps > 1000  # "the savings of thousands of steps"
        assert ns["steps"] == math.ceil(ns["warm_s"] / saved_s)  # the loop's last value: the warm cache
        assert ns["compile_s"] + cold_steps * ns["compiled_ms"] / 1000 <= cold_steps * ns["eager_ms"] / 1000 + 1e-6


def test_the_cache_folder_was_removed(ns) -> None:
    import os

    assert not os.path.exists(ns["cache"])
    assert "TORCHINDUCTOR_CACHE_DIR" not in os.environ or os.environ["TORCHINDUCTOR_CACHE_DIR"] != ns["cache"]


def test_graph_breaks_found(ns) -> None:
    x = torch.linspace(-5, 5, 8)
    for fn, words in ((ns["normalise"], ("print", "Unsupported method call")), (ns["clip_if_large"], ("item",))):
        report = torch._dynamo.explain(fn)(x)
        assert (report.graph_count, report.graph_break_count) == (2, 1)
        assert any(word in report.break_reasons[0].reason for word in words)
    torch.testing.assert_close(ns["clip_if_large"](x), x.clamp(-3, 3) * 2)


def test_fullgraph_raises() -> None:
    def with_print(x):
        print("side effect")
        return x + 1

    with pytest.raises(torch._dynamo.exc.Unsupported):
        torch.compile(with_print, fullgraph=True, backend="eager")(torch.ones(2))


def test_the_cnn_forward_has_no_graph_break() -> None:
    torch.manual_seed(0)
    report = torch._dynamo.explain(CNN())(torch.randn(4, 1, 28, 28))
    assert report.graph_count == 1 and report.graph_break_count == 0


def test_exercise_no_break() -> None:
    ns = run("exercise_no_break")
    assert ns["report"].graph_count == 1 and ns["report"].graph_break_count == 0
    for t in (ns["x"], ns["small"], torch.randn(16) * 4):
        torch.testing.assert_close(ns["clip_if_large_graph"](t), ns["clip_if_large"](t))


def test_exercise_recompile(capsys) -> None:
    capsys.readouterr()
    run("exercise_recompile")
    out = capsys.readouterr().out
    assert "dynamic=None: 5 calls with batch sizes 64, 64, 32, 16, 8 -> 2 compiles" in out
    assert "dynamic=False: 5 calls with batch sizes 64, 64, 32, 16, 8 -> 4 compiles" in out
