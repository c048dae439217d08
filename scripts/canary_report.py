"""The canary's report: canary/report.json (read by the home page) and canary/report.md (the issue's body)."""
from __future__ import annotations

import json
import re
from pathlib import Path


def pins(root: Path) -> dict:
    """The torch and torchvision versions requirements.txt pins: the verified ones."""
    text = (root / "requirements.txt").read_text(encoding="utf-8")
    return {name: re.search(rf"^{name}==([^\s;]+)", text, re.M).group(1) for name in ("torch", "torchvision")}


def counts(report: dict) -> dict:
    found = {"passed": 0, "failed": 0, "could not run": 0}
    for row in report.get("chapters", []):
        if not row["page"].startswith("("):  # the row of the tests no chapter owns is not a chapter
            found[row["status"]] += 1
    return found


def summary(report: dict) -> str:
    """One line: what was tried and how it went."""
    n = counts(report)
    tv = f"torchvision {report['torchvision']}" if report.get("torchvision") else "no torchvision"
    return (f"torch {report.get('torch') or '?'} with {tv}: {n['passed']} chapters passed, {n['failed']} failed, "
            f"{n['could not run']} could not run; the build {report['build']['status']}")


def markdown(report: dict) -> str:
    lines = [
        f"# Canary: the course on the newest PyTorch ({report['date']})",
        "",
        f"The book pins and verifies torch {report['pinned']['torch']} with torchvision {report['pinned']['torchvision']}. "
        f"The canary tried the newest releases on the registry in a venv of its own: **{summary(report)}**.",
        "",
        f"- Why this torchvision: {report.get('why', '')}",
        f"- Strict build, running the code of {report['build'].get('ran', 0)} chapters: **{report['build']['status']}**"
        + (f" ({_cell(report['build']['error'])})" if report["build"].get("error") else ""),
        *([f"- The whole test suite, run once against that build: **{report['tests']['status']}** in {report['tests']['seconds']} s; "
           "each test case counts for the chapter it belongs to"] if report.get("tests") else []),
        f"- The whole run took {report.get('seconds', 0)} s.",
        "",
        "| chapter | result | first error or reason | seconds |",
        "| --- | --- | --- | --- |",
    ]
    for row in report.get("chapters", []):
        lines.append(f"| `{row['page']}` | {row['status']} | {_cell(row.get('error', ''))} | {row.get('seconds', 0)} |")
    return "\n".join(lines) + "\n\nWritten by `./dev canary` (scripts/canary.py).\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def save(report: dict, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "report.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    (folder / "report.md").write_text(markdown(report), encoding="utf-8")
