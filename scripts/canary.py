"""`./dev canary`: the course against the newest PyTorch on the package registry, in a venv of its own.

The book pins a torch it has verified. The canary asks the registry for the newest torch and for the
newest torchvision whose wheel metadata (``Requires-Dist: torch ...``) admits it, installs them with the
rest of requirements.txt into ``.canary/venv`` (never ``.venv``), builds the site strictly and runs the whole
test suite once against that site, warnings as errors as always. Each test case is read back from the junit
xml to the chapter it belongs to (scripts/canary_chapters.py). It writes ``canary/report.json`` and
``canary/report.md``: one row per chapter, passed, failed (with its first failing test and error line) or could
not run (with the reason, for example no torchvision for that torch yet: that chapter's tests are deselected).
It never stops half-way: whatever it cannot do is a row.

    python scripts/canary.py [--python python3] [--budget-minutes 22] [--keep-venv] [--chapters a.md,b.md]

The logs of each step and the junit xml stay in .canary/logs/ (the built site in .canary/site/); the venv is deleted.
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import canary_chapters  # noqa: E402
import canary_report  # noqa: E402
from chapter import snippet_dirs  # noqa: E402

try:
    from packaging.requirements import InvalidRequirement, Requirement
    from packaging.utils import canonicalize_name
except ImportError:  # an interpreter without packaging: pip carries a copy
    from pip._vendor.packaging.requirements import InvalidRequirement, Requirement
    from pip._vendor.packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PASSED, FAILED, NOT_RUN = "passed", "failed", "could not run"
OTHER = canary_chapters.OTHER
USES_TORCHVISION = re.compile(r"^\s*(import torchvision|from torchvision\b|import torchsteps\.vision|from torchsteps(\.vision\b| import [^\n]*\bvision\b))", re.M)


class Registry:
    """The package registry as pip sees it (pip's index and find-links settings, without a local cap on versions)."""

    def __init__(self, python: str, workdir: Path):
        workdir.mkdir(parents=True, exist_ok=True)
        (workdir / "no-constraints.txt").write_text("# the canary wants the newest releases\n")
        self.python = python
        self.env = dict(os.environ, PIP_CONSTRAINT=str(workdir / "no-constraints.txt"), PIP_DISABLE_PIP_VERSION_CHECK="1")

    def versions(self, name: str) -> list[str]:
        """Released versions, newest first."""
        out = self._pip("index", "versions", name)
        found = re.search(r"Available versions: (.+)", out)
        if not found:
            raise RuntimeError(f"the registry lists no versions of {name}: {out.strip()[-300:]}")
        return [v.strip() for v in found.group(1).split(",")]

    def requires(self, name: str, version: str) -> list[str]:
        """The Requires-Dist lines of the wheel pip would install for name==version here."""
        out = self._pip("install", "--dry-run", "--no-deps", "--ignore-installed", "--quiet", "--report", "-", f"{name}=={version}")
        report = json.loads(out[out.index("{"):])
        return report["install"][0]["metadata"].get("requires_dist") or []

    def _pip(self, *args: str) -> str:
        done = subprocess.run([self.python, "-m", "pip", *args], capture_output=True, text=True, env=self.env, timeout=600)
        if done.returncode != 0:
            raise RuntimeError(f"pip {' '.join(args)} failed: {_first_error(done.stdout + done.stderr)}")
        return done.stdout


def torch_requirement(requires_dist: list[str]) -> Requirement | None:
    """The unconditional requirement on torch among a wheel's Requires-Dist lines, if there is one."""
    for line in requires_dist:
        try:
            req = Requirement(line)
        except InvalidRequirement:
            continue
        if canonicalize_name(req.name) == "torch" and (req.marker is None or req.marker.evaluate({"extra": ""})):
            return req
    return None


def plan(registry, tries: int = 4) -> dict:
    """The newest torch, and the newest of the last ``tries`` torchvision releases whose metadata admits it (or None)."""
    torch = registry.versions("torch")[0]
    seen = []
    for version in registry.versions("torchvision")[:tries]:
        req = torch_requirement(registry.requires("torchvision", version))
        if req is not None and req.specifier.contains(torch, prereleases=True):
            return {"torch": torch, "torchvision": version, "why": f"torchvision {version} declares {req}"}
        seen.append(f"{version} declares {req or 'no torch requirement'}")
    return {"torch": torch, "torchvision": None, "why": f"no torchvision declares support for torch {torch} yet ({'; '.join(seen)})"}


def chapters(root: Path) -> list[str]:
    """Every page that includes snippets, outside about/: the chapters, as paths under docs/."""
    docs = root / "docs"
    pages = [p for p in sorted(docs.rglob("*.md")) if snippet_dirs(p) and not p.relative_to(docs).as_posix().startswith("about/")]
    return [p.relative_to(docs).as_posix() for p in pages]


def chapter_tests(root: Path, page: str) -> list[str]:
    """The test files `./dev test CHAPTER` runs for a page (see scripts/chapter.py)."""
    done = subprocess.run([sys.executable, str(root / "scripts" / "chapter.py"), page], cwd=root, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"scripts/chapter.py {page}: {done.stderr.strip()}")
    return done.stdout.split()[1:]


def uses_torchvision(root: Path, page: str, tests: list[str]) -> bool:
    """Whether the page, its snippets or its own tests (not the shared page and snippet runners) use torchvision."""
    files = [root / "docs" / page]
    files += [f for d in snippet_dirs(root / "docs" / page) for f in sorted((root / "snippets" / d).glob("*.py"))]
    files += [root / t for t in tests if Path(t).name not in ("test_pages.py", "test_snippets.py")]
    return any(USES_TORCHVISION.search(f.read_text(encoding="utf-8")) for f in files if f.is_file())


def _first_error(log: str) -> str:
    """The first line that says what went wrong: pytest's first FAILED/ERROR summary, else the first error-like line."""
    lines = [line.strip() for line in log.splitlines() if line.strip() and not line.startswith("WARNING: Location")]
    for pattern in (r"^(FAILED|ERROR) ", r"^E\s+\w+(Error|Warning|Exception)", r"(Error|Exception|Warning)\b.*:", r"^(ERROR|WARNING)\b"):
        hit = next((line for line in lines if re.search(pattern, line)), None)
        if hit:
            return hit[:400]
    return (lines[-1] if lines else "no output")[:400]


def run(cmd: list[str], root: Path, env: dict, budget_end: float, log: Path, min_left: float = 30, grace: float = 5) -> tuple[int, str]:
    """Run a step with what is left of the time budget; its output goes to ``log``. Returns (exit code, first error)."""
    left = budget_end - time.monotonic()
    if left < min_left:
        return -1, "the canary's time budget was spent before this step"
    with open(log, "w+", encoding="utf-8") as out:
        child = subprocess.Popen(cmd, cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT, text=True, start_new_session=True)
        try:
            code = child.wait(timeout=left)
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGINT)  # pytest still writes the junit xml of what it finished
            try:
                child.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                pass
            try:
                os.killpg(child.pid, signal.SIGKILL)  # the step and every worker it started
            except ProcessLookupError:
                pass
            child.wait()
            return -1, "stopped: the canary's time budget ran out during this step"
        out.seek(0)
        text = out.read()
    return code, "" if code == 0 else _first_error(text)


def setup_venv(root: Path, work: Path, python: str, want: dict, registry_env: dict, budget_end: float) -> tuple[Path | None, str]:
    """A fresh venv with requirements.txt, torch and torchvision swapped for the planned releases; the course's src on its path."""
    venv = work / "venv"
    lines = [line for line in (root / "requirements.txt").read_text().splitlines() if not re.match(r"\s*torch(vision)?\s*==", line)]
    lines += [f"torch=={want['torch']}"] + ([f"torchvision=={want['torchvision']}"] if want["torchvision"] else [])
    (work / "requirements.txt").write_text("\n".join(lines) + "\n")
    (work / "logs").mkdir(parents=True, exist_ok=True)
    subprocess.run([python, "-m", "venv", "--clear", str(venv)], check=True)
    py = venv / "bin" / "python"
    code, error = run([str(py), "-m", "pip", "install", "--quiet", "-r", str(work / "requirements.txt")], root, registry_env, budget_end, work / "logs" / "setup.log")
    if code != 0:
        return None, f"setting up the venv failed: {error}"
    site = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], capture_output=True, text=True, check=True)
    Path(site.stdout.strip(), "torchsteps-src.pth").write_text(str(root / "src") + "\n")  # the package, as `pip install -e .` would
    return py, ""


def torchvision_works(py: Path, root: Path, env: dict) -> str:
    """'' if the installed torchvision imports and runs one of its compiled operators with warnings as errors, else the error."""
    probe = "import torch, torchvision; torchvision.ops.nms(torch.zeros(1, 4), torch.zeros(1), 0.5)"
    try:
        done = subprocess.run([str(py), "-W", "error", "-c", probe], cwd=root, env=env, capture_output=True, text=True, timeout=300)
    except subprocess.TimeoutExpired:
        return "importing it took more than 5 minutes"
    return "" if done.returncode == 0 else _first_error(done.stderr)


def _status(code: int) -> str:
    return PASSED if code == 0 else NOT_RUN if code == -1 else FAILED


def course_env(work: Path) -> dict:
    return dict(os.environ, NO_MKDOCS_2_WARNING="1", MPLBACKEND="Agg", PYTHONDONTWRITEBYTECODE="1", TORCHINDUCTOR_COMPILE_THREADS="1",
                TORCHSTEPS_EXEC_CACHE="0", TORCHSTEPS_NOTEBOOK_CACHE=str(work / "notebooks"), TORCHSTEPS_SITE=str(work / "site"))


def build_only(runnable: list[str]) -> str:
    """TORCHSTEPS_ONLY for the canary's build: the runnable chapters and every lab. The labs need only the package,
    and the tests read their executed cells; a lab left out would render unexecuted and fail them."""
    return ",".join([*runnable, "labs/"])


def check_course(root: Path, py: Path, work: Path, pages: list[str], blocked: dict[str, str], budget_end: float) -> dict:
    """Build the site running every runnable page, then the whole suite once; each test case is read back to its chapter.

    ``blocked`` maps a page to why it cannot run: its code is not executed and its tests are deselected.
    """
    env = course_env(work)
    (work / "logs").mkdir(parents=True, exist_ok=True)
    runnable = [p for p in pages if p not in blocked]
    env_build = dict(env, TORCHSTEPS_ONLY=build_only(runnable))
    code, error = run([str(py), "-m", "mkdocs", "build", "--strict", "-d", str(work / "site")], root, env_build, budget_end, work / "logs" / "build.log")
    result = {"build": {"status": _status(code), "error": error, "ran": len(runnable)}}
    start, junit = time.monotonic(), work / "logs" / "junit.xml"
    junit.unlink(missing_ok=True)
    tests_env = dict(env, PYTHONPATH=os.pathsep.join(filter(None, [str(Path(__file__).resolve().parent), env.get("PYTHONPATH")])),
                     TORCHSTEPS_CANARY_BLOCKED=",".join(blocked), TORCHSTEPS_CANARY_PAGES=",".join(chapters(root)),
                     TORCHSTEPS_CANARY_ONLY="" if set(pages) >= set(chapters(root)) else ",".join(pages))
    code, error = run([str(py), "-m", "pytest", "-q", "-n", "2", "-p", "no:cacheprovider", "-p", "canary_chapters", f"--junitxml={junit}"],
                      root, tests_env, budget_end, work / "logs" / "tests.log")
    result["tests"] = {"status": _status(code), "error": error, "seconds": round(time.monotonic() - start, 1)}
    result["chapters"] = chapter_rows(root, pages, blocked, junit, code, error)
    return result


def chapter_rows(root: Path, pages: list[str], blocked: dict[str, str], junit: Path, code: int, error: str) -> list[dict]:
    """One row per page and one for the tests no chapter owns, from the suite's junit xml (or why there is none)."""
    owned = canary_chapters.owners(root, chapters(root))
    cases = None
    if code != -1 or junit.is_file():  # a stopped run leaves the verdicts it reached
        try:
            cases = canary_chapters.read_junit(junit, root)
        except (OSError, ET.ParseError) as failure:
            error = f"the test run left no readable report ({failure}); its log says: {error}"
    found = canary_chapters.rows(cases or [], pages, owned)
    out = []
    for page in [*pages, OTHER]:
        row = found[page]
        if page in blocked:
            row = {"status": NOT_RUN, "error": blocked[page], "seconds": 0}
        elif cases is None:
            row = {"status": NOT_RUN, "error": error, "seconds": 0}
        elif row["tests"] == 0 and page != OTHER and code == -1:
            row = {"status": NOT_RUN, "error": error, "seconds": 0}
        elif row["tests"] == 0 and page != OTHER:
            row = {"status": NOT_RUN, "error": "no test of this chapter ran" + (f" (the test run: {error})" if error else ""), "seconds": 0}
        elif row["tests"] == 0 and code == 0:
            continue
        elif code == -1 and row["status"] == PASSED:
            row = dict(row, error=f"{row['tests']} tests reached passed; {error}")
        out.append({"page": page, "status": row["status"], "error": row["error"], "seconds": row["seconds"]})
    if code not in (0, -1) and cases is not None and not any(r["status"] == FAILED for r in out):
        out[-1] = {"page": OTHER, "status": FAILED, "error": f"the test run failed without a failing test: {error}", "seconds": out[-1]["seconds"]}
    return out


def canary(root: Path, registry, python: str, work: Path, budget_s: float, only: list[str] | None = None, setup=setup_venv) -> dict:
    """The whole run; every failure becomes part of the report, never an exception."""
    started, budget_end = time.monotonic(), time.monotonic() + budget_s
    work.mkdir(parents=True, exist_ok=True)
    report = {"date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d"), "pinned": canary_report.pins(root)}
    pages = only or chapters(root)
    try:
        want = plan(registry)
    except (RuntimeError, OSError, ValueError, KeyError, subprocess.SubprocessError) as error:
        want = {"torch": None, "torchvision": None, "why": f"asking the registry failed: {error}"}
    report.update(want)
    needs_tv = {p: uses_torchvision(root, p, chapter_tests(root, p)) for p in pages}
    try:
        py, error = (None, "the registry could not be asked") if want["torch"] is None else setup(root, work, python, want, registry.env, budget_end)
    except (OSError, subprocess.SubprocessError) as failure:
        py, error = None, f"creating the venv failed: {failure}"
    if py is None:
        report.update(build={"status": NOT_RUN, "error": error, "ran": 0}, chapters=[{"page": p, "status": NOT_RUN, "error": error, "seconds": 0} for p in pages])
    else:
        tv_error = torchvision_works(py, root, course_env(work)) if want["torchvision"] else want["why"]
        if want["torchvision"] and tv_error:
            tv_error = f"torchvision {want['torchvision']} does not work with torch {want['torch']}: {tv_error}"
        blocked = {p: f"needs torchvision: {tv_error}" for p in pages if needs_tv[p] and tv_error}
        report.update(check_course(root, py, work, pages, blocked, budget_end))
    report["seconds"] = round(time.monotonic() - started)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--python", default=sys.executable, help="the interpreter for the canary's venv (default: this one)")
    # 22 minutes of steps leave room for deleting the 6 GB venv (85 s on a busy machine) inside 25 minutes.
    parser.add_argument("--budget-minutes", type=float, default=22.0, help="stop starting steps after this long (default 22)")
    parser.add_argument("--chapters", default="", help="only these pages, comma-separated (default: every chapter)")
    parser.add_argument("--keep-venv", action="store_true", help="keep .canary/venv (about 6 GB) after the run")
    args = parser.parse_args(argv)
    work = ROOT / ".canary"
    shutil.rmtree(work / "site", ignore_errors=True)
    only = [p for p in args.chapters.split(",") if p] or None
    try:
        report = canary(ROOT, Registry(args.python, work), args.python, work, args.budget_minutes * 60, only)
    except Exception as failure:  # noqa: BLE001 - whatever broke, the report says so instead of a traceback
        report = {"date": datetime.date.today().isoformat(), "pinned": canary_report.pins(ROOT), "torch": None, "torchvision": None,
                  "why": f"the canary itself failed: {failure!r}", "build": {"status": NOT_RUN, "error": repr(failure), "ran": 0}, "chapters": []}
    canary_report.save(report, ROOT / "canary")
    print(canary_report.markdown(report))
    if not args.keep_venv:
        shutil.rmtree(work / "venv", ignore_errors=True)  # about 6 GB; the logs stay to explain the report
    return 0  # the report says what failed; the canary itself has done its job


if __name__ == "__main__":
    sys.exit(main())
