"""Which chapter a test case belongs to, from its pytest node id; and the canary's per-chapter rows from a junit xml.

The canary runs the whole suite once, then reads the verdicts back chapter by chapter:

- ``tests/test_pages.py::test_block[<page>::...]``: that page;
- ``tests/test_snippets.py::...[snippets/<dir>/...]``: the chapter page that includes snippet folder ``<dir>``;
- ``tests/test_takeaway.py::...[<page>]``: that page, when ``<page>`` is a chapter;
- ``tests/test_<chapter>.py::...``: the chapter page the file names (the rule of tests/conftest.py ``_page_of``:
  the first chapter page path it mentions, or ``test_<stem>`` matching the page's stem);
- everything else: ``OTHER``.

As a pytest plugin (``-p canary_chapters``) it deselects the tests of the pages named in $TORCHSTEPS_CANARY_BLOCKED.
"""
from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from chapter import snippet_dirs

OTHER = "(the tests no chapter owns)"
PAGE_PATH = re.compile(r'"((?:foundations|learning|real-data|structure|beyond-cpu)/[\w-]+\.md)"')  # as tests/conftest.py
WHOLE_BOOK = ("test_pages.py", "test_snippets.py", "test_takeaway.py")


def owners(root: Path, pages: list[str]) -> dict:
    """The facts chapter_of needs, read from the course: snippet folder -> page, chapter test file -> page."""
    folders: dict[str, str] = {}
    for page in pages:
        for folder in snippet_dirs(root / "docs" / page):
            folders.setdefault(folder, page)
    stems = {Path(p).stem.replace("-", "_"): p for p in pages}
    files = {}
    for test in sorted((root / "tests").glob("test_*.py")):
        if test.name in WHOLE_BOOK:
            continue
        found = PAGE_PATH.search(test.read_text(encoding="utf-8"))
        page = found[1] if found and found[1] in pages else stems.get(test.stem.removeprefix("test_"))
        if page:
            files[f"tests/{test.name}"] = page
    return {"pages": list(pages), "snippets": folders, "files": files}


def chapter_of(nodeid: str, owned: dict) -> str:
    """The chapter page a test case belongs to, or OTHER. Pure: ``owned`` comes from owners()."""
    path, _, rest = nodeid.partition("::")
    param = rest[rest.find("[") + 1 : rest.rfind("]")] if "[" in rest else ""
    name = path.rsplit("/", 1)[-1]
    if name == "test_pages.py":
        page = param.split("::")[0]
        return page if page in owned["pages"] else OTHER
    if name == "test_snippets.py":
        parts = param.split("/")
        return owned["snippets"].get(parts[1], OTHER) if len(parts) > 2 and parts[0] == "snippets" else OTHER
    if name == "test_takeaway.py":
        return param if param in owned["pages"] else OTHER
    return owned["files"].get(path, OTHER)


def read_junit(xml_file: Path, root: Path) -> list[dict]:
    """Each test case of a junit xml: node id, outcome (passed, failed, skipped), first error line and seconds."""
    cases = []
    for case in ET.parse(xml_file).getroot().iter("testcase"):
        outcome, error = "passed", ""
        for child in case:
            if child.tag in ("failure", "error"):
                outcome = "failed"
                text = child.get("message") or child.text or child.tag
                error = next((line.strip() for line in text.splitlines() if line.strip()), child.tag)
                break
            if child.tag == "skipped":
                outcome = "skipped"
        cases.append({"id": nodeid(case.get("classname", ""), case.get("name", ""), root), "outcome": outcome,
                      "error": error, "seconds": float(case.get("time") or 0)})
    return cases


def nodeid(classname: str, name: str, root: Path) -> str:
    """pytest's node id back from junit's dotted classname (module path, then any classes) and test name."""
    parts = classname.split(".")
    for cut in range(len(parts), 0, -1):
        path = "/".join(parts[:cut]) + ".py"
        if (root / path).is_file():
            if name == path:  # a file that failed to collect
                return path
            return "::".join([path, *parts[cut:], name])
    return "::".join([p for p in (classname, name) if p])


def rows(cases: list[dict], pages: list[str], owned: dict) -> dict[str, dict]:
    """Per chapter (and OTHER): passed, or failed with its first failing test id and error line; seconds summed."""
    found = {page: {"status": "passed", "error": "", "seconds": 0.0, "tests": 0} for page in [*pages, OTHER]}
    for case in cases:
        row = found[chapter_of(case["id"], owned)]
        row["seconds"] += case["seconds"]
        row["tests"] += 1
        if case["outcome"] == "failed" and row["status"] == "passed":
            row.update(status="failed", error=f"{case['id']}: {case['error']}"[:400])
    for row in found.values():
        row["seconds"] = round(row["seconds"], 1)
    return found


def pytest_collection_modifyitems(session, config, items):
    """Deselect the tests of the pages in $TORCHSTEPS_CANARY_BLOCKED (they could not run: a row says why), and with
    $TORCHSTEPS_CANARY_ONLY (``--chapters``) every test outside those pages."""
    blocked, only, pages = ([p for p in os.environ.get(name, "").split(",") if p] for name in
                            ("TORCHSTEPS_CANARY_BLOCKED", "TORCHSTEPS_CANARY_ONLY", "TORCHSTEPS_CANARY_PAGES"))
    if not blocked and not only:
        return
    owned = owners(Path(str(config.rootpath)), sorted({*blocked, *only, *pages}))
    drop = [item for item in items if chapter_of(item.nodeid, owned) in blocked
            or (only and chapter_of(item.nodeid, owned) not in only)]
    if drop:
        config.hook.pytest_deselected(items=drop)
        gone = {id(item) for item in drop}
        items[:] = [item for item in items if id(item) not in gone]
