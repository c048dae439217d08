"""The page furniture of a published book: edit and report links, the last-updated date, the version list.

Each page gets, under its content (overrides/main.html):

* "Edit this page", to its source on GitHub, and an edit link for each snippet file it includes
  (``--8<-- "chapter/step.py:section"``, found under snippets/ or src/);
* "Report a problem with this page": a new issue, prefilled with the page's path and the build stamp;
* the date its source or one of its snippets last changed, from git. In a shallow clone a file whose
  history is cut off gets no date rather than a wrong one; without git, or outside a repository, no date.

All of these are plain links: nothing asks a third party when a page loads (Material's ``repo_url`` would
ask GitHub's API for stars). The repository is the GitHub link in ``extra.social``.

Material's version selector (``extra.version.provider: mike``) reads ``versions.json`` from the folder above
the site. ``mike deploy`` writes the real one; a plain build gets a one-entry fallback at its root, so that
``mkdocs build`` and ``mkdocs serve`` load without a 404. ``python hooks/publish.py version`` prints the
version name a deploy uses (``torch-2.14``, from the pinned torch).

The home page's ``<!-- torchsteps:verified -->`` becomes the verified versions and the canary's last result.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER = "<!-- torchsteps:verified -->"
INCLUDE = re.compile(r'--8<--\s+"([^":]+)(?::[^"]*)?"')

_state: dict = {}


def pinned(root: Path = ROOT) -> dict[str, str]:
    """torch and torchvision as requirements.txt pins them; the installed ones where a site has no requirements.txt."""
    from importlib.metadata import PackageNotFoundError, version

    path = root / "requirements.txt"
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    found = {}
    for name in ("torch", "torchvision"):
        match = re.search(rf"^{name}==([^\s;]+)", text, re.M)
        try:
            found[name] = match.group(1) if match else version(name).split("+")[0]
        except PackageNotFoundError:
            found[name] = "?"
    return found


def version_name(root: Path = ROOT) -> str:
    """The site version for the pinned torch: torch 2.14.1 -> ``torch-2.14``."""
    major, minor = pinned(root)["torch"].split(".")[:2]
    return f"torch-{major}.{minor}"


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):  # no git at all
        return None
    return done.stdout if done.returncode == 0 else None


def git_dates(root: Path) -> dict[str, str]:
    """Each tracked file under docs/, snippets/ and src/ -> the date (YYYY-MM-DD) of the last commit that changed it."""
    top = _git(root, "rev-parse", "--show-toplevel")
    log = _git(root, "log", "--format=%x1e%H %cs", "--name-only", "--no-renames", "--", "docs", "snippets", "src") if top else None
    if not log:
        return {}
    shallow = _shallow_commits(root)
    here, top_path = root.resolve(), Path(top.strip()).resolve()
    prefix = here.relative_to(top_path).as_posix() if here != top_path else ""
    dates: dict[str, str] = {}
    for entry in log.split("\x1e")[1:]:
        head, *files = entry.strip().splitlines()
        commit, date = head.split()
        for name in filter(None, files):
            name = name[len(prefix) + 1:] if prefix and name.startswith(prefix + "/") else name
            if name not in dates:
                dates[name] = "" if commit in shallow else date  # a cut-off history: no date rather than a wrong one
    return {name: date for name, date in dates.items() if date}


def _shallow_commits(root: Path) -> set[str]:
    path = (_git(root, "rev-parse", "--git-path", "shallow") or "").strip()
    if not path:
        return set()
    file = Path(path) if Path(path).is_absolute() else root / path
    return set(file.read_text().split()) if file.is_file() else set()


def build_stamp(root: Path, info: dict) -> str:
    """What built this site: the commit and the torch, device and Python the build info names."""
    commit = (_git(root, "rev-parse", "--short=12", "HEAD") or "").strip() or "no git commit"
    return f"{commit}, {version_name(root)}, PyTorch {info.get('torch', '?')} on {info.get('device', '?')}, Python {info.get('python', '?')}"


def repository(config) -> str:
    for link in config.extra.get("social", []):
        if "github.com/" in link.get("link", ""):
            return link["link"].rstrip("/")
    raise ValueError("mkdocs.yml: extra.social has no GitHub link; the edit and report links need the repository's address")


def on_config(config, **kwargs):
    root = Path(config.config_file_path).parent
    _state.update(root=root, repo=repository(config), dates=git_dates(root), pages={})
    _state["stamp"] = build_stamp(root, config.extra.get("build_info", {}))
    return config


def on_page_markdown(markdown, page, config, **kwargs):
    root = _state["root"]
    files = []
    for name in dict.fromkeys(INCLUDE.findall(markdown)):
        found = next((f"{base}/{name}" for base in ("snippets", "src") if (root / base / name).is_file()), None)
        if found:
            files.append(found)
    _state["pages"][page.file.src_uri] = files
    if PLACEHOLDER in markdown:
        markdown = markdown.replace(PLACEHOLDER, verified_line(root, _state["repo"]))
    return markdown


def page_links(src_uri: str, files: list[str], repo: str, stamp: str, dates: dict[str, str]) -> dict:
    """The links and the date a page shows under its content. The stamp names the site version, so no address is needed."""
    source = f"docs/{src_uri}"
    body = f"Page: {source}\nBuild: {stamp}\n\nWhat is wrong, and where on the page:\n"
    updated = max((dates[f] for f in [source, *files] if f in dates), default="")
    return {
        "edit": f"{repo}/edit/main/{source}",
        "snippets": [{"path": f.split("/", 1)[1], "edit": f"{repo}/edit/main/{f}"} for f in files],
        "report": f"{repo}/issues/new?" + urlencode({"title": f"Problem on {source}", "body": body}),
        "updated": updated,
        "stamp": stamp,
    }


def on_page_context(context, page, config, **kwargs):
    files = _state["pages"].get(page.file.src_uri, [])
    context["ts_page"] = page_links(page.file.src_uri, files, _state["repo"], _state["stamp"], _state["dates"])
    return context


def fallback_versions(root: Path = ROOT) -> list[dict]:
    """What mike's versions.json would say about this build alone."""
    name = version_name(root)
    return [{"version": name, "title": name.replace("-", " "), "aliases": ["latest"]}]


def on_post_build(config, **kwargs):
    target = Path(config.site_dir) / "versions.json"
    if not target.exists():
        target.write_text(json.dumps(fallback_versions(_state["root"])) + "\n", encoding="utf-8")


def verified_line(root: Path, repo: str) -> str:
    """Markdown for the home page: the pinned, verified versions and the canary's last result with its date."""
    pins = pinned(root)
    line = (f"**Verified with PyTorch {pins['torch']} and torchvision {pins['torchvision']}**, the versions the course pins: "
            "every block on this site ran with them when it was built.")
    report = root / "canary" / "report.json"
    if not report.is_file():
        return line + " The weekly canary, which tries the newest PyTorch, has not reported yet."
    data = json.loads(report.read_text(encoding="utf-8"))
    rows = [row for row in data.get("chapters", []) if not row["page"].startswith("(")]  # chapters only
    n = {s: sum(r["status"] == s for r in rows) for s in ("passed", "failed", "could not run")}
    tv = f"torchvision {data['torchvision']}" if data.get("torchvision") else "no torchvision"
    return (line + f" **Newest PyTorch**: on {data['date']} the [canary]({repo}/blob/main/canary/report.md) tried torch "
            f"{data.get('torch') or '?'} with {tv}: {n['passed']} of {len(rows)} chapters passed, {n['failed']} failed, "
            f"{n['could not run']} could not run.")


if __name__ == "__main__":
    if sys.argv[1:] != ["version"]:
        sys.exit("usage: python hooks/publish.py version   (prints the site version a deploy publishes, e.g. torch-2.14)")
    print(version_name())
