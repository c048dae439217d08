"""Every notebook under docs/notebooks runs top to bottom in a fresh kernel, warnings as errors."""
from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest
from kernels import KERNEL_WARNINGS
from nbconvert.preprocessors import ExecutePreprocessor

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "docs" / "notebooks").glob("*.ipynb"))


def run_notebook(path: Path, monkeypatch) -> nbformat.NotebookNode:
    monkeypatch.setenv("PYTHONWARNINGS", KERNEL_WARNINGS)  # as the build sets it
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(ROOT / "src"), str(ROOT / "hooks")]))
    notebook = nbformat.read(path, as_version=4)
    ExecutePreprocessor(timeout=120, allow_errors=False).preprocess(notebook, {"metadata": {"path": str(path.parent)}})
    return notebook


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs(path: Path, monkeypatch):
    notebook = run_notebook(path, monkeypatch)
    code_cells = [c for c in notebook.cells if c.cell_type == "code"]
    assert code_cells and all(c.outputs for c in code_cells), "every code cell should show its result"


def test_first_notebook_reports_the_data(monkeypatch):
    notebook = run_notebook(ROOT / "docs" / "notebooks" / "first-notebook.ipynb", monkeypatch)
    text = "".join(o.get("text", "") for c in notebook.cells if c.cell_type == "code" for o in c.outputs)
    assert "torch.Size([759, 8]) torch.Size([759, 1])" in text
    assert "within [-1, 1]: True" in text
    from torchsteps.datasets import load_diabetes

    _, y = load_diabetes()
    share = (y == 0).float().mean().item()  # label 0 is diabetes in this copy, as the wide-and-deep page says
    assert f"share with diabetes (label 0): {round(share, 3)}" in text and round(share, 3) == 0.347


def test_kernel_filters_are_narrow_and_a_cells_warning_still_fails(tmp_path, monkeypatch):
    """Only the kernel's own start-up and shutdown noise is ignored: a deprecation warning from a cell fails the notebook."""
    from nbclient.exceptions import CellExecutionError

    for rule in KERNEL_WARNINGS.split(",")[1:]:
        action, message, category, module = rule.split(":")
        assert action == "ignore" and category and module, f"{rule}: every ignore names its category and module"
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import warnings\nwarnings.warn('old api', DeprecationWarning)")])
    path = tmp_path / "warns.ipynb"
    nbformat.write(notebook, path)
    with pytest.raises(CellExecutionError, match="old api"):
        run_notebook(path, monkeypatch)
