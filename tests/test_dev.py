"""The `./dev` script, as a newcomer meets it: an unsupported Python gets one clear line, never pip's wall of text."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _old_python() -> str | None:
    """A Python older than 3.10 on this machine, if there is one."""
    candidates = [shutil.which(f"python3.{minor}") for minor in (9, 8, 7)]
    candidates += sorted(str(p) for p in Path.home().glob(".pyenv/versions/3.[6-9].*/bin/python3"))
    runs = lambda c: subprocess.run([c, "-c", "pass"], capture_output=True).returncode == 0  # noqa: E731 - a shim may not run
    return next((c for c in candidates if c and Path(c).exists() and runs(c)), None)


@pytest.mark.skipif(shutil.which("bash") is None, reason="./dev is a bash script; without bash, use the plain route in the README")
def test_an_unsupported_python_gets_one_line_that_says_what_to_do(tmp_path):
    old = _old_python()
    if old is None:
        pytest.skip("no Python older than 3.10 on this machine to try ./dev with")
    venv = tmp_path / "venv"
    result = subprocess.run(
        ["bash", str(ROOT / "dev"), "setup"], cwd=ROOT, capture_output=True, text=True, timeout=120,
        env=dict(os.environ, PYTHON=old, VENV=str(venv)),
    )
    version = subprocess.run([old, "-c", "import sys; print('%d.%d.%d' % sys.version_info[:3])"], capture_output=True, text=True).stdout.strip()
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert f"found Python {version}" in lines[0] and "needs Python 3.10 to 3.13" in lines[0]
    assert "PYTHON=python3.12 ./dev setup" in lines[0]  # how to point ./dev at another interpreter
    assert not venv.exists()  # it stopped before creating anything


@pytest.mark.skipif(shutil.which("bash") is None, reason="./dev is a bash script")
def test_a_missing_interpreter_is_named(tmp_path):
    result = subprocess.run(
        ["bash", str(ROOT / "dev"), "setup"], cwd=ROOT, capture_output=True, text=True, timeout=60,
        env=dict(os.environ, PYTHON="python3.99", VENV=str(tmp_path / "venv")),
    )
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "cannot run 'python3.99'" in result.stderr


def test_pyproject_readme_and_dev_agree_on_the_supported_pythons():
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'requires-python = ">=3.10,<3.14"' in pyproject
    assert "Python 3.10 to 3.13" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert "(3, 10) <= sys.version_info[:2] <= (3, 13)" in (ROOT / "dev").read_text(encoding="utf-8")


@pytest.mark.parametrize("chapter, own", [("cnn", "tests/test_cnn.py"), ("tensors", "tests/test_tensors.py")])
def test_a_chapter_run_takes_its_own_tests_and_only_its_part_of_the_whole_books(chapter, own):
    """`./dev test CHAPTER`: the chapter's tests, its notebook and its page in the browser; never every page's browser
    checks or the canary's (they mention chapter pages as data, which once pulled them in)."""
    plan = subprocess.run([sys.executable, "scripts/chapter.py", chapter], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    assert plan[:3] == [f"{plan[0]}", "tests/test_pages.py", "tests/test_snippets.py"] and own in plan
    whole_files = [t for t in plan[1:] if "::" not in t and Path(t).name in ("test_browser.py", "test_canary.py", "test_takeaway.py", "test_reproducible.py")]
    assert whole_files == []
    assert "tests/test_takeaway.py::test_chapter_notebook_runs_from_an_empty_folder_with_only_the_wheel" in plan
    assert "tests/test_browser.py::test_only_real_output_is_styled_as_output" in plan
