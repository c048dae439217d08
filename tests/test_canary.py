"""The currency canary (scripts/canary.py) on fakes: a registry that answers from a table, and a tiny course of three chapters.

The real run needs the registry and a venv of about 6 GB; these tests check its decisions and its report offline.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import sys
import time
from pathlib import Path

import pytest

from sitekit import ROOT, fence, make_site

sys.path.insert(0, str(ROOT / "scripts"))
import canary  # noqa: E402
import canary_report  # noqa: E402


class FakeRegistry:
    """Versions newest first, and each torchvision's Requires-Dist, as a wheel's metadata would give them."""

    env: dict = {}

    def __init__(self, torch: list[str], torchvision: dict[str, list[str]]):
        self.table = {"torch": torch, "torchvision": list(torchvision)}
        self.metadata = torchvision

    def versions(self, name):
        return self.table[name]

    def requires(self, name, version):
        return self.metadata[version]


def test_the_newest_torchvision_that_declares_support_is_chosen():
    registry = FakeRegistry(["2.15.0", "2.14.1"], {
        "0.30.0": ["numpy", "torch==2.15.0", "scipy ; extra == 'scipy'"],
        "0.29.2": ["numpy", "torch==2.14.1"],
    })
    assert canary.plan(registry) == {"torch": "2.15.0", "torchvision": "0.30.0", "why": "torchvision 0.30.0 declares torch==2.15.0"}


def test_a_torch_that_no_torchvision_supports_yet_gets_none_and_says_why():
    registry = FakeRegistry(["2.15.0"], {"0.29.2": ["torch==2.14.1", "pillow"], "0.29.1": ["torch (==2.14.1)"]})
    chosen = canary.plan(registry)
    assert chosen["torchvision"] is None
    assert chosen["why"] == "no torchvision declares support for torch 2.15.0 yet (0.29.2 declares torch==2.14.1; 0.29.1 declares torch==2.14.1)"


def test_an_open_ended_requirement_counts_as_declared_support_and_extras_do_not():
    registry = FakeRegistry(["2.15.0"], {"0.29.2": ["torch (>=2.14.0)"], "0.29.1": ["torch==2.15.0 ; extra == 'gpu'"]})
    assert canary.plan(registry)["torchvision"] == "0.29.2"
    assert canary.torch_requirement(["torch==2.15.0 ; extra == 'gpu'", "numpy"]) is None


def test_the_registry_reads_pips_answers(tmp_path, monkeypatch):
    """What pip prints for `index versions` and for a dry run's --report, parsed (pip itself is not run here)."""
    answers = {
        "index": "torchvision (0.29.2)\nAvailable versions: 0.29.2, 0.29.1, 0.29.0\n",
        "install": json.dumps({"install": [{"metadata": {"name": "torchvision", "requires_dist": ["numpy", "torch (>=2.14.0)"]}}]}),
    }
    registry = canary.Registry(sys.executable, tmp_path)
    monkeypatch.setattr(registry, "_pip", lambda *args: answers[args[0]])
    assert registry.versions("torchvision") == ["0.29.2", "0.29.1", "0.29.0"]
    assert registry.requires("torchvision", "0.29.2") == ["numpy", "torch (>=2.14.0)"]
    assert registry.env["PIP_CONSTRAINT"] == str(tmp_path / "no-constraints.txt")  # a machine's cap on versions does not apply
    monkeypatch.setattr(registry, "_pip", lambda *args: "WARNING: nothing\n")
    with pytest.raises(RuntimeError, match="the registry lists no versions of torch"):
        registry.versions("torch")


def test_the_real_chapters_that_use_torchvision_are_found():
    pages = canary.chapters(ROOT)
    uses = {Path(p).stem for p in pages if canary.uses_torchvision(ROOT, p, canary.chapter_tests(ROOT, p))}
    assert uses == {"datasets"}  # its snippets import torchvision; inception-resnet only tries it (importorskip) in one test
    assert len(pages) >= 20 and not any(p.startswith("about/") for p in pages)


def _tiny_course(tmp_path: Path) -> Path:
    """Three chapters: one that passes, one whose snippet needs torchvision, one whose test fails."""
    step = '"""A step."""\n# --8<-- [start:main]\nprint({})\n# --8<-- [end:main]\n'
    snippets = {"alpha/step.py": step.format(1), "beta/step.py": "import torchvision\n" + step.format(2), "gamma/step.py": step.format(3)}
    pages = {"index.md": "# Home\n"}
    for name, folder in (("one", "alpha"), ("two", "beta"), ("three", "gamma")):
        pages[f"{name}.md"] = f"# {name}\n\n" + fence(f'--8<-- "{folder}/step.py:main"')
    root = make_site(tmp_path, pages, snippets)
    (root / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "chapter.py", root / "scripts")
    for name in ("requirements.txt", "pyproject.toml"):
        shutil.copy(ROOT / name, root)
    tests = {"test_pages.py": "", "test_snippets.py": "", "test_one.py": "def test_one():\n    assert 1 + 1 == 2\n",
             "test_three.py": "def test_three():\n    assert 3 == 4, 'chapter three is broken'\n"}
    (root / "tests").mkdir()
    for name, text in tests.items():
        (root / "tests" / name).write_text(f'"""A fake chapter test."""\n{text}')
    return root


def _this_interpreter(root, work, python, want, env, budget_end):
    return Path(sys.executable), ""  # the venv set-up is the one step the fake skips


def test_the_canary_reports_passed_failed_and_could_not_run_per_chapter(tmp_path):
    root = _tiny_course(tmp_path)
    registry = FakeRegistry(["9.9.0"], {"0.99.0": ["torch==9.8.0"]})
    report = canary.canary(root, registry, sys.executable, tmp_path / "work", budget_s=600, setup=_this_interpreter)
    rows = {row["page"]: row for row in report["chapters"]}
    assert report["torch"] == "9.9.0" and report["torchvision"] is None
    assert report["build"] == {"status": "passed", "error": "", "ran": 2}, (tmp_path / "work" / "build.log").read_text()
    assert rows["one.md"]["status"] == "passed"
    assert rows["two.md"]["status"] == "could not run"
    assert rows["two.md"]["error"].startswith("needs torchvision: no torchvision declares support for torch 9.9.0 yet")
    assert rows["three.md"]["status"] == "failed" and "chapter three is broken" in rows["three.md"]["error"]
    built = {name: (tmp_path / "work" / "site" / name / "index.html").read_text() for name in ("one", "two")}
    assert "data-ts-output" in built["one"] and "data-ts-output" not in built["two"]  # two's code is shown, not run
    canary_report.save(report, tmp_path / "out")
    saved = json.loads((tmp_path / "out" / "report.json").read_text())
    assert canary_report.counts(saved) == {"passed": 1, "failed": 1, "could not run": 1}
    text = (tmp_path / "out" / "report.md").read_text()
    assert "| `three.md` | failed |" in text and "chapter three is broken" in text
    assert "torch 9.9.0 with no torchvision: 1 chapters passed, 1 failed, 1 could not run; the build passed" in text


def test_a_registry_that_cannot_be_asked_gives_a_report_not_a_crash(tmp_path):
    class Down(FakeRegistry):
        def versions(self, name):
            raise RuntimeError("pip index versions torch failed: no network")

    root = _tiny_course(tmp_path)
    report = canary.canary(root, Down([], {}), sys.executable, tmp_path / "work", budget_s=60, setup=_this_interpreter)
    assert {row["status"] for row in report["chapters"]} == {"could not run"}
    assert "asking the registry failed: pip index versions torch failed: no network" in report["why"]


def test_a_spent_time_budget_leaves_the_rest_as_could_not_run(tmp_path):
    root = _tiny_course(tmp_path)
    registry = FakeRegistry(["9.9.0"], {"0.99.0": ["torch==9.9.0"]})
    report = canary.canary(root, registry, sys.executable, tmp_path / "work", budget_s=0, only=["one.md"],
                           setup=_this_interpreter)
    assert report["build"]["status"] == "could not run"
    assert report["chapters"][0]["error"] == "the canary's time budget was spent before this step"


def test_a_step_that_outlives_the_budget_is_stopped_with_every_process_it_started(tmp_path):
    script = "import subprocess, sys, time; child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)']); print(child.pid, flush=True); time.sleep(60)"
    start = time.monotonic()
    code, error = canary.run([sys.executable, "-c", script], tmp_path, dict(os.environ), time.monotonic() + 2, tmp_path / "step.log", min_left=0)
    assert (code, error) == (-1, "stopped: the canary's time budget ran out during this step")
    assert time.monotonic() - start < 20
    grandchild = int((tmp_path / "step.log").read_text().split()[0])
    time.sleep(0.5)
    status = Path(f"/proc/{grandchild}/status")
    if status.exists():  # killed, perhaps not yet reaped by whoever inherited it: a zombie, not a running process
        assert re.search(r"^State:\s+Z", status.read_text(), re.M), status.read_text()


@pytest.mark.parametrize("log, first", [
    ("collected 3 items\nFAILED tests/test_x.py::test_y - AssertionError: 3 != 4\nERROR tests/test_z.py\n", "FAILED tests/test_x.py::test_y - AssertionError: 3 != 4"),
    ("INFO - Building\nWARNING -  markdown_exec: Execution of python code block exited with errors\n", "WARNING -  markdown_exec: Execution of python code block exited with errors"),
])
def test_the_first_error_is_the_line_that_says_what_went_wrong(log, first):
    assert canary._first_error(log) == first
