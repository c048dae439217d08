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
import canary_chapters  # noqa: E402
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
             "test_two.py": "import torchvision\n\ndef test_two():\n    assert torchvision\n",
             "test_three.py": "def test_three():\n    assert 3 == 4, 'chapter three is broken'\n",
             "test_site.py": "def test_site():\n    assert 'site'\n"}
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
    assert report["build"] == {"status": "passed", "error": "", "ran": 2}, (tmp_path / "work" / "logs" / "build.log").read_text()
    assert rows["one.md"]["status"] == "passed"
    assert rows["two.md"]["status"] == "could not run"
    assert rows["two.md"]["error"].startswith("needs torchvision: no torchvision declares support for torch 9.9.0 yet")
    assert rows["three.md"] == {"page": "three.md", "status": "failed", "seconds": rows["three.md"]["seconds"],
                                "error": "tests/test_three.py::test_three: AssertionError: chapter three is broken"}
    assert rows[canary.OTHER]["status"] == "passed"  # test_site.py: no chapter owns it
    assert report["tests"]["status"] == "failed"  # the whole suite ran once, in one pytest run
    ran = {case["id"] for case in canary_chapters.read_junit(tmp_path / "work" / "logs" / "junit.xml", root)}
    assert ran == {"tests/test_one.py::test_one", "tests/test_three.py::test_three", "tests/test_site.py::test_site"}  # two's is deselected
    built = {name: (tmp_path / "work" / "site" / name / "index.html").read_text() for name in ("one", "two")}
    assert "data-ts-output" in built["one"] and "data-ts-output" not in built["two"]  # two's code is shown, not run
    canary_report.save(report, tmp_path / "out")
    saved = json.loads((tmp_path / "out" / "report.json").read_text())
    assert canary_report.counts(saved) == {"passed": 1, "failed": 1, "could not run": 1}
    text = (tmp_path / "out" / "report.md").read_text()
    assert "| `three.md` | failed | tests/test_three.py::test_three: AssertionError: chapter three is broken |" in text
    assert "torch 9.9.0 with no torchvision: 1 chapters passed, 1 failed, 1 could not run; the build passed" in text
    assert "The whole test suite, run once against that build: **failed** in " in text


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


REAL_IDS = {
    "tests/test_pages.py::test_block[learning/autograd.md::block11-line219]": "learning/autograd.md",
    "tests/test_pages.py::test_block[structure/cnn.md::count]": "structure/cnn.md",
    "tests/test_pages.py::test_block[index.md::count]": canary.OTHER,
    "tests/test_pages.py::test_block[about/build-report.md::count]": canary.OTHER,
    "tests/test_snippets.py::test_snippet_runs_as_script[snippets/convolution/output_size.py]": "structure/convolution.md",
    "tests/test_snippets.py::test_snippet_runs_as_script[snippets/gradient_descent/fit_w_b.py]": "learning/gradient-descent.md",
    "tests/test_snippets.py::test_snippet_files_are_small_and_documented": canary.OTHER,
    "tests/test_takeaway.py::test_chapter_notebook_runs_from_an_empty_folder_with_only_the_wheel[beyond-cpu/ddp.md]": "beyond-cpu/ddp.md",
    "tests/test_takeaway.py::test_every_download_link_resolves_and_the_box_says_how_to_run[index.md]": canary.OTHER,
    "tests/test_takeaway.py::test_every_chapter_is_found_from_the_pages_not_a_list": canary.OTHER,
    "tests/test_linear_regression.py::test_snippets_use_the_current_api_only[linear_regression]": "learning/linear-regression.md",
    "tests/test_char_lm.py::test_anything": "structure/char-lm.md",  # names its page: "structure/char-lm.md"
    "tests/test_tensors.py::test_anything": "foundations/tensors.md",  # test_<stem>
    "tests/test_browser.py::test_a_labs_formula_is_mathml_its_solutions_are_collapsed_and_its_notebook_downloads": canary.OTHER,
    "tests/test_browser.py::test_page_loads_offline_without_errors[foundations/tensors/]": canary.OTHER,
    "tests/test_publish.py::test_anything": canary.OTHER,
    "tests/test_training.py::test_anything": canary.OTHER,
}


@pytest.mark.parametrize("nodeid", list(REAL_IDS))
def test_each_real_test_case_is_read_back_to_its_chapter(nodeid):
    owned = canary_chapters.owners(ROOT, canary.chapters(ROOT))
    assert canary_chapters.chapter_of(nodeid, owned) == REAL_IDS[nodeid]


def test_the_junit_xml_gives_node_ids_verdicts_and_each_chapters_first_failure(tmp_path):
    (tmp_path / "tests").mkdir()
    for name in ("test_pages.py", "test_tensors.py", "test_browser.py"):
        (tmp_path / "tests" / name).write_text("")
    (tmp_path / "junit.xml").write_text("""<?xml version="1.0" encoding="utf-8"?><testsuites><testsuite name="pytest">
<testcase classname="tests.test_pages" name="test_block[foundations/tensors.md::block01-line9]" time="1.5"/>
<testcase classname="tests.test_tensors.TestViews" name="test_view" time="0.5"><failure message="AssertionError: a view copies&#10;assert 1 == 2">long</failure></testcase>
<testcase classname="tests.test_tensors" name="test_later" time="0.25"><error message="RuntimeError: later">x</error></testcase>
<testcase classname="tests.test_browser" name="test_browser.py" time="0"><skipped message="no chromium"/></testcase>
<testcase classname="tests.test_browser" name="tests/test_browser.py" time="0"><error message="collection failure">ImportError</error></testcase>
</testsuite></testsuites>""")
    cases = canary_chapters.read_junit(tmp_path / "junit.xml", tmp_path)
    assert [(c["id"], c["outcome"]) for c in cases] == [
        ("tests/test_pages.py::test_block[foundations/tensors.md::block01-line9]", "passed"),
        ("tests/test_tensors.py::TestViews::test_view", "failed"),
        ("tests/test_tensors.py::test_later", "failed"),
        ("tests/test_browser.py::test_browser.py", "skipped"),
        ("tests/test_browser.py", "failed"),
    ]
    owned = {"pages": ["foundations/tensors.md", "learning/autograd.md"], "snippets": {}, "files": {"tests/test_tensors.py": "foundations/tensors.md"}}
    found = canary_chapters.rows(cases, owned["pages"], owned)
    assert found["foundations/tensors.md"] == {"status": "failed", "error": "tests/test_tensors.py::TestViews::test_view: AssertionError: a view copies",
                                               "seconds": 2.2, "tests": 3}
    assert found["learning/autograd.md"]["tests"] == 0
    assert found[canary.OTHER]["error"] == "tests/test_browser.py: collection failure"


def test_a_test_run_that_leaves_no_junit_makes_every_row_could_not_run(tmp_path):
    rows = canary.chapter_rows(ROOT, ["foundations/tensors.md"], {}, tmp_path / "missing.xml", 3, "ERROR: usage")
    assert [r["status"] for r in rows] == ["could not run", "could not run"]
    assert rows[0]["error"].startswith("the test run left no readable report") and rows[0]["error"].endswith("its log says: ERROR: usage")
    stopped = canary.chapter_rows(ROOT, ["foundations/tensors.md"], {}, tmp_path / "missing.xml", -1, "stopped: the canary's time budget ran out during this step")
    assert stopped[0] == {"page": "foundations/tensors.md", "status": "could not run", "seconds": 0,
                          "error": "stopped: the canary's time budget ran out during this step"}


def test_the_canary_build_runs_the_labs_beside_the_runnable_chapters():
    """Its first real runs built the labs unexecuted (TORCHSTEPS_ONLY named only chapters), so the labs' browser test failed."""
    assert canary.build_only(["one.md", "three.md"]) == "one.md,three.md,labs/"
    assert canary.build_only([]) == "labs/"
