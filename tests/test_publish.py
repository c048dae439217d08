"""Publishing: the CI workflows (actionlint, and the same commands as .ci/run and the README), the page furniture
of hooks/publish.py on small sites in temporary git repositories, mike versions, and the project's papers."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
import yaml

from sitekit import ROOT, build, fence, html_of, make_site

sys.path.insert(0, str(ROOT / "hooks"))
import publish  # noqa: E402

WORKFLOWS = ROOT / ".github" / "workflows"
REPO = "https://github.com/torchsteps/torchsteps"
BIN = Path(sys.executable).parent
GIT = ["git", "-c", "user.name=Course", "-c", "user.email=course@example.org", "-c", "init.defaultBranch=main", "-c", "protocol.file.allow=always"]


def _workflow(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text())
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def _actionlint(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    exe = shutil.which("actionlint", path=str(BIN)) or shutil.which("actionlint")
    assert exe, "actionlint is missing: it is pinned in requirements.txt (pip install -r requirements.txt)"
    # shellcheck and pyflakes are left out: whether they are installed differs from machine to machine.
    return subprocess.run([exe, "-no-color", "-shellcheck=", "-pyflakes=", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_every_workflow_passes_actionlint():
    files = sorted(str(p.relative_to(ROOT)) for p in WORKFLOWS.glob("*.yml"))
    assert ".github/workflows/ci.yml" in files and ".github/workflows/canary.yml" in files
    result = _actionlint(*files)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path):
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${{ github.nope.x }}\n        shell: bassh\n")
    result = _actionlint(str(bad), cwd=tmp_path)
    assert result.returncode == 1 and "bad.yml:" in result.stdout


def _commands(script: Path) -> list[str]:
    lines = [line.strip() for line in script.read_text().splitlines()]
    return [line for line in lines if line and not line.startswith(("#", "set ", "cd "))]


def test_pull_requests_run_the_same_commands_as_ci_run_and_the_readme():
    ci_run = _commands(ROOT / ".ci" / "run")
    assert ci_run == ["./dev pythons", "./dev test"]
    workflow = _workflow("ci.yml")
    assert "pull_request" in workflow["on"]
    on_prs = [job for job in workflow["jobs"].values() if "if" not in job]
    steps = [step["run"].strip() for job in on_prs for step in job["steps"] if "run" in step]
    readme = (ROOT / "README.md").read_text()
    for command in ci_run:
        assert command in steps, f"no pull-request job runs {command}, as .ci/run does"
        assert f"`{command}`" in readme, f"the README does not name {command}"
    assert "./dev test     # set up, then build the site strictly and run every test" in readme  # the README's test command
    cached = [s["with"] for job in on_prs for s in job["steps"] if s.get("uses", "").startswith("actions/setup-python")]
    assert cached and all(w.get("cache") == "pip" for w in cached)


def test_the_site_is_deployed_from_main_and_the_gpu_job_is_off_unless_a_runner_exists():
    jobs = _workflow("ci.yml")["jobs"]
    pages = jobs["pages"]
    assert pages["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    uses = [s.get("uses", "").split("@")[0] for s in pages["steps"]]
    assert "actions/upload-pages-artifact" in uses and "actions/deploy-pages" in uses
    deploy = next(s["run"] for s in pages["steps"] if "mike deploy" in s.get("run", ""))
    assert "hooks/publish.py version" in deploy and "latest" in deploy and "./dev build" in [s.get("run") for s in pages["steps"]]
    gpu = jobs["gpu"]
    assert gpu["if"] == "vars.TORCHSTEPS_GPU_RUNNER == 'true'" and "self-hosted" in gpu["runs-on"]
    runs = " ".join(s.get("run", "") for s in gpu["steps"])
    assert "./dev test" in runs and "-m cuda" in runs and "torch.cuda.is_available()" in runs


def test_the_canary_runs_weekly_and_keeps_one_issue():
    workflow = _workflow("canary.yml")
    assert workflow["on"]["schedule"][0]["cron"].endswith("* * 1")
    runs = " ".join(s.get("run", "") for s in workflow["jobs"]["canary"]["steps"])
    assert "./dev canary" in runs and "gh issue edit" in runs and "gh issue create" in runs and "--label canary" in runs


def test_page_links_name_the_page_its_snippets_and_the_build():
    links = publish.page_links("part/chapter.md", ["snippets/chapter/train.py", "src/torchsteps/training.py"], REPO,
                               "abc123, torch-2.14, PyTorch 2.14.1 on CPU", {"docs/part/chapter.md": "2026-11-20", "snippets/chapter/train.py": "2026-11-25"})
    assert links["edit"] == f"{REPO}/edit/main/docs/part/chapter.md"
    assert [s["edit"] for s in links["snippets"]] == [f"{REPO}/edit/main/snippets/chapter/train.py", f"{REPO}/edit/main/src/torchsteps/training.py"]
    assert links["updated"] == "2026-11-25"  # the newest of the page and the code it runs
    query = parse_qs(urlparse(links["report"]).query)
    assert query["title"] == ["Problem on docs/part/chapter.md"]
    assert "Page: docs/part/chapter.md" in query["body"][0] and "Build: abc123, torch-2.14, PyTorch 2.14.1 on CPU" in query["body"][0]


def _git(*args, cwd: Path, date: str = "2026-01-02T03:04:05Z"):
    env = dict(os.environ, GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    subprocess.run([*GIT, *args], cwd=cwd, env=env, check=True, capture_output=True, timeout=60)


def _repo_site(tmp_path: Path, report: dict | None = None) -> Path:
    """A small course in a git repository: two commits, the second changing only the chapter page."""
    snippet = '"""A step."""\n# --8<-- [start:main]\nprint(6 * 7)\n# --8<-- [end:main]\n'
    chapter = "# A chapter\n\n" + fence('--8<-- "steps/answer.py:main"')
    site = make_site(tmp_path, {"index.md": "# Home\n\n<!-- torchsteps:verified -->\n", "chapter.md": chapter}, {"steps/answer.py": snippet})
    for name in ("requirements.txt", "pyproject.toml"):
        shutil.copy(ROOT / name, site)
    if report:
        (site / "canary").mkdir()
        (site / "canary" / "report.json").write_text(json.dumps(report))
    (site / ".gitignore").write_text("site/\n")
    _git("init", "-q", cwd=site)
    _git("add", ".", cwd=site)
    _git("commit", "-q", "-m", "first", cwd=site)
    (site / "docs" / "chapter.md").write_text(chapter + "\nOne more line.\n")
    _git("commit", "-q", "-am", "second", cwd=site, date="2026-02-03T04:05:06Z")
    return site


def test_a_built_page_has_edit_report_and_last_updated_and_the_home_page_the_canary(tmp_path):
    report = {"date": "2026-11-27", "torch": "2.15.0", "torchvision": None,
              "chapters": [{"page": "a.md", "status": "passed"}, {"page": "b.md", "status": "could not run"},
                           {"page": "(the tests no chapter owns)", "status": "failed"}]}  # not a chapter: not counted
    site = _repo_site(tmp_path, report)
    result = build(site)
    assert result.returncode == 0, result.stderr
    page = html_of(site, "chapter.md")
    assert f'href="{REPO}/edit/main/docs/chapter.md" data-edit-page' in page
    assert f'href="{REPO}/edit/main/snippets/steps/answer.py"' in page
    assert '<time datetime="2026-02-03">2026-02-03</time>' in page
    report_link = re.search(r'href="([^"]+)" data-report-problem', page).group(1).replace("&amp;", "&")
    body = parse_qs(urlparse(report_link).query)["body"][0]
    assert "Page: docs/chapter.md" in body and re.search(r"Build: [0-9a-f]{12}, torch-\d+\.\d+, PyTorch ", body)
    home = html_of(site, "index.md")
    assert "Verified with PyTorch 2.14.1 and torchvision 0.29.1" in home
    assert "on 2026-11-27 the" in home and "torch 2.15.0 with no torchvision: 1 of 2 chapters passed, 0 failed, 1 could not run" in home
    versions = json.loads((site / "site" / "versions.json").read_text())
    assert versions == [{"version": "torch-2.14", "title": "torch 2.14", "aliases": ["latest"]}]


def test_dates_come_from_git_and_a_shallow_clone_or_no_git_gives_none_rather_than_wrong_ones(tmp_path, monkeypatch):
    site = _repo_site(tmp_path)
    full = publish.git_dates(site)
    assert full["docs/chapter.md"] == "2026-02-03" and full["snippets/steps/answer.py"] == "2026-01-02"
    shallow = tmp_path / "shallow"
    _git("clone", "-q", "--depth", "1", f"file://{site}", str(shallow), cwd=tmp_path)
    assert publish.git_dates(shallow) == {}  # every file's history is cut off: no date rather than the clone's date
    deeper = tmp_path / "deeper"
    _git("clone", "-q", "--depth", "2", f"file://{site}", str(deeper), cwd=tmp_path)
    assert publish.git_dates(deeper)["docs/chapter.md"] == "2026-02-03"
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))  # no git at all
    assert publish.git_dates(site) == {}
    assert publish.build_stamp(site, {"torch": "2.14.1"}).startswith("no git commit, torch-2.14, PyTorch 2.14.1")


def test_mike_deploys_a_version_with_latest_into_a_bare_repository_offline(tmp_path):
    site = _repo_site(tmp_path)
    remote = tmp_path / "remote.git"
    _git("init", "-q", "--bare", str(remote), cwd=tmp_path)
    _git("remote", "add", "origin", str(remote), cwd=site)
    env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ['PATH']}", NO_MKDOCS_2_WARNING="1", TORCHSTEPS_EXEC_CACHE="0",
               GIT_AUTHOR_NAME="Course", GIT_AUTHOR_EMAIL="course@example.org", GIT_COMMITTER_NAME="Course", GIT_COMMITTER_EMAIL="course@example.org")
    name = publish.version_name(site)
    assert name == "torch-2.14"
    for args in (["deploy", "--push", "--update-aliases", "--title", "torch 2.14", name, "latest"], ["set-default", "--push", "latest"]):
        done = subprocess.run([str(BIN / "mike"), *args], cwd=site, env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr[-3000:]
    show = lambda path: subprocess.run(["git", f"--git-dir={remote}", "show", f"gh-pages:{path}"], capture_output=True, text=True).stdout  # noqa: E731
    assert json.loads(show("versions.json")) == [{"version": "torch-2.14", "title": "torch 2.14", "aliases": ["latest"]}]
    assert "data-edit-page" in show("torch-2.14/chapter/index.html")
    assert "latest/" in show("index.html")  # the root redirects to the default alias
    listed = subprocess.run([str(BIN / "mike"), "list"], cwd=site, env=env, capture_output=True, text=True, timeout=60).stdout
    assert listed.strip() == '"torch 2.14" (torch-2.14) [latest]'


def test_the_licences_citation_contributing_and_changelog():
    assert (ROOT / "LICENSE").read_text().startswith("MIT License")
    text_licence = " ".join((ROOT / "LICENSE-text").read_text().split())
    assert "Creative Commons Attribution 4.0 International" in text_licence and "translat" in text_licence
    copyright_line = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=_Plain)["copyright"]
    assert "MIT" in copyright_line and "CC BY 4.0" in copyright_line
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    assert cff["cff-version"] == "1.2.0" and _cff_errors(cff) == []
    assert set(cff["license"]) == {"MIT", "CC-BY-4.0"} and cff["repository-code"] == REPO
    assert _cff_errors({**cff, "license": "Not-A-Licence", "authors": []}) != []  # the schema does reject a bad file
    contributing = (ROOT / "CONTRIBUTING.md").read_text()
    assert "(docs/about/contributing.md)" in contributing and (ROOT / "docs" / "about" / "contributing.md").is_file()
    changelog = (ROOT / "CHANGELOG.md").read_text()
    assert changelog.startswith("# Changelog") and "## Unreleased" in changelog and "## 2026-11-22" in changelog


def _cff_errors(data: dict) -> list[str]:
    """Validation against the CFF 1.2.0 JSON schema (tests/cff-1.2.0.schema.json, as cffconvert 2.0.0 ships it; CC BY 4.0)."""
    import jsonschema

    schema = json.loads((ROOT / "tests" / "cff-1.2.0.schema.json").read_text())
    validator = jsonschema.validators.validator_for(schema)
    return [e.message for e in validator(schema, format_checker=validator.FORMAT_CHECKER).iter_errors(data)]


class _Plain(yaml.SafeLoader):
    pass


_Plain.add_constructor("!ENV", lambda loader, node: None)


@pytest.mark.parametrize("argv, out", [(["version"], "torch-2.14\n")])
def test_the_deploy_gets_its_version_name_from_the_pinned_torch(argv, out):
    done = subprocess.run([sys.executable, str(ROOT / "hooks" / "publish.py"), *argv], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout) == (0, out)
