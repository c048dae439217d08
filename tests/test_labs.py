"""The labs under docs/labs: each runs once, top to bottom in a fresh kernel with warnings as errors, and meets
the bars it states; the hook that renders them (MathML, collapsed solutions, cache key, errors) is tested on its own
and in small temporary sites."""
from __future__ import annotations

import math
import os
import re
from pathlib import Path

import jupytext
import nbformat
import pytest
import torch
from kernels import KERNEL_WARNINGS
from nbconvert.preprocessors import ExecutePreprocessor

import sitekit

ROOT = Path(__file__).resolve().parent.parent
LABS = ROOT / "docs" / "labs"
NAMES = ["regression", "digits", "surnames", "mixed-precision"]
_runs: dict[str, nbformat.NotebookNode] = {}


def run_notebook(notebook: nbformat.NotebookNode, folder: Path) -> nbformat.NotebookNode:
    """Execute as the build does: PYTHONWARNINGS as hooks/execute.py sets it, the socket guard as hooks/labs.py sets it."""
    import labs

    env = {"PYTHONWARNINGS": KERNEL_WARNINGS, "PYTHONPATH": str(ROOT / "src"), "OMP_NUM_THREADS": "1", "MPLBACKEND": "Agg",
           "IPYTHONDIR": str(labs.offline_profile(ROOT))}
    saved = {key: os.environ.get(key) for key in env}
    os.environ.update(env)
    try:
        ExecutePreprocessor(timeout=300, allow_errors=False).preprocess(notebook, {"metadata": {"path": str(folder)}})
    finally:
        for key, value in saved.items():
            os.environ.pop(key) if value is None else os.environ.__setitem__(key, value)
    return notebook


def lab(name: str) -> nbformat.NotebookNode:
    """The lab, executed once per test session however many tests read it."""
    if name not in _runs:
        _runs[name] = run_notebook(jupytext.read(LABS / f"{name}.py"), LABS)
    return _runs[name]


def printed(notebook: nbformat.NotebookNode) -> str:
    return "".join(o.get("text", "") for c in notebook.cells if c.cell_type == "code" for o in c.outputs)


def number(pattern: str, text: str) -> float:
    found = re.search(pattern, text)
    assert found, f"the lab no longer prints {pattern!r}"
    return float(found[1])


def test_the_labs_are_the_nav_and_only_these():
    import yaml

    assert sorted(p.stem for p in LABS.glob("*.py")) == sorted(NAMES)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=sitekit._PlainLoader)
    section = next(entry["Labs"] for entry in config["nav"] if isinstance(entry, dict) and "Labs" in entry)
    assert [path for item in section for path in item.values()] == [f"labs/{name}.py" for name in NAMES]
    for item in section:  # the nav says what the page's title says
        (title, path), = item.items()
        assert jupytext.read(ROOT / "docs" / path).cells[0].source.splitlines()[0] == f"# {title}"


@pytest.mark.parametrize("name", NAMES)
def test_lab_shape(name):
    """Explanation first, a formula, seeded code, your-turn cells with tagged solutions, a summary at the end."""
    notebook = jupytext.read(LABS / f"{name}.py")
    cells = notebook.cells
    assert cells[0].cell_type == "markdown" and cells[0].source.startswith("# Lab "), "a lab opens with its title"
    assert "$$" in "".join(c.source for c in cells if c.cell_type == "markdown"), "each lab typesets its key formula"
    solutions = [c for c in cells if "solution" in c.metadata.get("tags", [])]
    turns = [c for c in cells if c.cell_type == "markdown" and "## Your turn" in c.source]
    assert len(solutions) >= 2 and len(turns) == len(solutions), "each 'Your turn' has one solution cell"
    assert all(c.cell_type == "code" for c in solutions)
    assert cells[-1].cell_type == "markdown" and "## Summary" in cells[-1].source
    assert "manual_seed" in "".join(c.source for c in cells if c.cell_type == "code")


@pytest.mark.parametrize("name", NAMES)
def test_every_code_cell_shows_its_result(name):
    cells = [c for c in lab(name).cells if c.cell_type == "code"]
    quiet = [c.source.splitlines()[0] for c in cells if not c.outputs and "def " not in c.source.split("\n", 1)[0]]
    assert quiet == [], f"{name}: code cells that show nothing: {quiet}"


def test_regression_lab():
    text = printed(lab("regression"))
    assert "converged" in text and "no pattern left" in text
    assert number(r"gradient descent is off by (\S+) in w", text) < 1e-3  # gradient descent found least squares
    assert number(r"last (\S+), noise variance", text) == pytest.approx(0.09, abs=0.03)  # the loss is the noise level
    bend_line = number(r"a line on curved data: +residual bend (\S+)", text)
    assert round(bend_line, 2) == 0.76  # "a bend of about 0.76", as the prose says
    assert abs(number(r"with x\^2 as a feature: +residual bend (\S+),", text)) < 0.2
    assert number(r"w2 = (\S+) \(true 1.5\)", text) == pytest.approx(1.5, abs=0.3)
    assert number(r"lr = 0.9 x the limit \S+: loss after 50 epochs (\S+)", text) < 0.1
    assert number(r"lr = 1.1 x the limit \S+: loss after 50 epochs (\S+)", text) > 1e3  # diverged
    figures = [o for c in lab("regression").cells if c.cell_type == "code" for o in c.outputs if "text/html" in o.get("data", {})]
    assert figures and "<svg" in figures[0]["data"]["text/html"]


def test_digits_lab():
    text = printed(lab("digits"))
    assert "train 7000, validation 1000, test 2000" in text
    first_val = number(r"epoch  1  train loss \S+ acc \S+   val loss (\S+)", text)
    assert first_val < math.log(10)  # beats guessing after one epoch
    accuracy = number(r"test accuracy (\S+)\n", text)
    assert accuracy > 0.93 and "the bar is 0.93: passed" in text
    assert "stopped early: True" in text and 1 <= number(r"kept the weights of epoch (\d+)", text) < 30
    mistakes = number(r"(\d+) mistakes in 2000 test digits", text)
    assert abs(mistakes - 2000 * (1 - accuracy)) <= 1  # the confusion count agrees with evaluate (accuracy printed to 3 places)


def test_surnames_lab():
    text = printed(lab("surnames"))
    assert "always answering Russian scores 46.8%" in text
    accuracy = number(r"test accuracy (\S+)% against", text)
    assert accuracy > 75 and accuracy > 46.8 + 30 and "the bar is 75%: passed" in text  # the summary's "more than 30 points"
    losses = [float(x) for x in re.search(r"training loss per epoch: \[(.*?)\]", text)[1].split(",")]
    assert losses == sorted(losses, reverse=True)
    assert re.search(r"Nakamura: Japanese", text) and re.search(r"Dostoevsky: Russian", text) and re.search(r"Rossi: Italian", text)


def test_mixed_precision_lab():
    text = printed(lab("mixed-precision"))
    device = "cuda" if torch.cuda.is_available() else "cpu"
    float16 = device == "cuda" and not torch.cuda.is_bf16_supported()  # bfloat16 where the hardware has it
    policy = "torch.float16, GradScaler on" if float16 else "torch.bfloat16, GradScaler off"
    assert f"device: {device}; mixed precision: {policy}" in text
    assert "the bar is 1 point: passed" in text
    assert number(r"float32 (\S+)%, ", text) > 95  # one epoch of the CNN
    assert f"saved from {device} - loaded tensors on ['cpu']" in text
    on_cpu, on_device = re.search(r"on the CPU in float32: (\S+)%; on \w+ under autocast: (\S+)%", text).groups()
    assert abs(float(on_cpu) - float(on_device)) <= 0.5  # "within a few test images"
    low = "float16" if float16 else "bfloat16"
    assert f"logits torch.{low}, loss torch.float32, weight torch.float32, gradient torch.float32" in text
    if float16:
        assert number(r"the scaler's final scale: (\S+)", text) > 1


def test_a_lab_kernel_is_offline_and_a_cells_warning_fails(tmp_path):
    """The kernel refuses other machines; only its own start-up and shutdown noise is ignored, so a cell's
    deprecation warning fails the lab."""
    from nbclient.exceptions import CellExecutionError

    for rule in KERNEL_WARNINGS.split(",")[1:]:
        action, message, category, module = rule.split(":")
        assert action == "ignore" and category and module, f"{rule}: every ignore names its category and module"
    reach = "import socket\ntry:\n    socket.create_connection(('192.0.2.1', 80), timeout=5)\nexcept ConnectionRefusedError as error:\n    print(error)"
    warn = "import warnings\nwarnings.warn('old api', DeprecationWarning)"
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(reach), nbformat.v4.new_code_cell(warn)])
    with pytest.raises(CellExecutionError, match="old api"):
        run_notebook(notebook, tmp_path)
    assert "a lab tried to connect to '192.0.2.1'" in notebook.cells[0].outputs[0]["text"]


# The hook, without a kernel.

def test_dollar_math_becomes_mathml_and_code_is_left_alone():
    import mathml

    html = "<p>$$\n\\frac{1}{N} \\sum_i x_i\n$$</p><p>with $x &lt; 1$ and <code>$HOME</code></p>"
    out = mathml.render_dollars(html)
    assert '<div class="ts-math-block"><math' in out and "<mfrac>" in out
    assert 'alttext="x &lt; 1"' in out and "<code>$HOME</code>" in out and "$$" not in out


def test_solutions_are_wrapped_in_closed_details():
    import lab_html

    cell = ('<div class="jp-Cell jp-CodeCell jp-Notebook-cell celltag_solution"><div class="inner"><div class="celltoolbar">'
            '<div class="button_container"><span class="tag-container"><span class="cell-tag">solution</span></span></div></div>'
            "<pre>x = 1</pre></div></div>")
    out = lab_html.collapse_solutions("<p>before</p>" + cell + "<p>after</p>")
    assert out.startswith('<p>before</p><details class="success ts-solution"><summary>Solution</summary>')
    assert out.endswith("</div></div></details><p>after</p>") and "<pre>x = 1</pre>" in out
    assert "cell-tag" not in out and " open" not in out


def test_a_package_edit_changes_the_cache_key(tmp_path):
    import shutil

    import labs

    shutil.copytree(ROOT / "src" / "torchsteps", tmp_path / "src" / "torchsteps", ignore=shutil.ignore_patterns("__pycache__"))
    before = labs.cache_key(tmp_path)
    assert labs.cache_key(tmp_path) == before
    with open(tmp_path / "src" / "torchsteps" / "training.py", "a", encoding="utf-8") as file:
        file.write("\n# an edit\n")
    assert labs.cache_key(tmp_path) != before


# Small temporary sites: the build itself.

LAB_HEADER = "# ---\n# jupyter:\n#   kernelspec:\n#     display_name: Python 3\n#     language: python\n#     name: python3\n# ---\n\n"


def test_a_raising_cell_stops_the_build_naming_the_lab_line_and_cell(tmp_path):
    source = (LAB_HEADER + "# %% [markdown]\n# # Broken\n\n# %%\nx = 1\nprint(x)\n\n"
              "# %%\ny = 2\nz = y / 0  # the mistake\nprint(z)\n")
    site = sitekit.make_site(tmp_path, {"index.md": "# Home\n", "labs/broken.py": source}, jupyter=True)
    result = sitekit.build(site)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    line = source.splitlines().index("z = y / 0  # the mistake") + 1
    assert f"docs/labs/broken.py, line {line} (cell 3, which starts at line {line - 1}): ZeroDivisionError: division by zero" in output
    assert "Traceback" not in output and "\x1b[" not in output  # one clear line, no traceback
    assert not (site / "site" / "labs" / "broken" / "index.html").exists()


def test_a_package_edit_re_executes_a_lab_and_the_page_shows_mathml_solutions_and_a_download(tmp_path):
    source = (LAB_HEADER + "# %% [markdown]\n# # Cached\n#\n# The loss $\\ell = (\\hat{y} - y)^2$.\n\n"
              "# %%\nimport torchsteps\nprint('package says', torchsteps.__doc__.split(':')[0])\n\n"
              "# %% [markdown]\n# ## Your turn\n\n# %% tags=[\"solution\"]\nprint('solved')\n")
    site = sitekit.make_site(tmp_path, {"index.md": "# Home\n", "labs/cached.py": source}, jupyter=True)
    first = sitekit.build(site, cache=True)
    assert first.returncode == 0, first.stderr[-3000:]
    page = (site / "site" / "labs" / "cached" / "index.html").read_text(encoding="utf-8")
    assert "package says torchsteps" in page and "Cache miss" in first.stderr
    assert 'alttext="\\ell = (\\hat{y} - y)^2"' in page and "$" not in re.sub(r"<(script|style).*?</\1>", "", page, flags=re.S)
    assert re.search(r'<details class="success ts-solution"><summary>Solution</summary>.*?solved', page, re.S)
    assert '<a href="cached.ipynb" download>' in page
    notebook = nbformat.read(site / "site" / "labs" / "cached" / "cached.ipynb", as_version=4)
    assert notebook.cells[-1].metadata["jupyter"] == {"source_hidden": True}
    assert 'pip", "install", "https://torchsteps.github.io/torchsteps/downloads/torchsteps-' in notebook.cells[1].source
    assert (site / "site" / "downloads" / notebook.cells[1].source.split("/downloads/")[1].split('"')[0]).is_file()
    again = sitekit.build(site, cache=True)
    assert "Cache hit" in again.stderr and "package says torchsteps" in (site / "site" / "labs" / "cached" / "index.html").read_text()
    init = site / "src" / "torchsteps" / "__init__.py"
    init.write_text(init.read_text().replace('"""torchsteps:', '"""torchsteps, edited:', 1))
    edited = sitekit.build(site, cache=True)
    assert edited.returncode == 0 and "Cache miss" in edited.stderr
    rerun = (site / "site" / "labs" / "cached" / "index.html").read_text(encoding="utf-8")
    assert "package says torchsteps, edited" in rerun
    assert rerun.replace("torchsteps, edited", "torchsteps") == page  # otherwise byte for byte: seeded, no random ids
    assert len([p for p in (site / ".cache" / "mkdocs-jupyter").iterdir()]) == 1  # the stale key's folder is gone
