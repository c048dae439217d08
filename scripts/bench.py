"""Measure the course's speed budgets: cold build, warm rebuild after a prose edit, one chapter, and the tests.

Each run goes through /usr/bin/time -v for wall time and peak memory. The tables (budgets, and each
page's execution time from the cold build's report) are printed and written to artifacts/bench.md.
Usage: ./dev bench [--skip-tests] [--chapter NAME]   (the chapter timed is softmax unless named)
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
BUDGETS = {"cold build": 180, "warm build after a prose edit": 10, "one chapter, ./dev test CHAPTER": 90, "test suite (pytest)": 360}


def timed(label: str, command: list[str], env: dict | None = None) -> dict:
    time_bin = shutil.which("time") or "/usr/bin/time"
    full = [time_bin, "-v", *command] if Path(time_bin).exists() else command
    result = subprocess.run(full, cwd=ROOT, env={**os.environ, **(env or {})}, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{label} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", result.stderr)
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr)
    seconds = (int(wall[1] or 0) * 3600 + int(wall[2]) * 60 + float(wall[3])) if wall else float("nan")
    return {"label": label, "seconds": seconds, "peak_mb": int(peak[1]) / 1024 if peak else float("nan")}


def main() -> None:
    build = [PY, "-m", "mkdocs", "build", "--strict", "--quiet"]
    env = {"NO_MKDOCS_2_WARNING": "1", "TORCHSTEPS_EXEC_CACHE": "1"}
    shutil.rmtree(ROOT / ".cache", ignore_errors=True)
    rows = [timed("cold build", build, env)]
    report = json.loads((ROOT / "site" / "build-report.json").read_text(encoding="utf-8"))
    page = ROOT / "docs" / "index.md"
    original = page.read_text()
    try:
        page.write_text(original + "\n<!-- a prose-only edit -->\n")
        rows.append(timed("warm build after a prose edit", build, env))
    finally:
        page.write_text(original)
    chapter = sys.argv[sys.argv.index("--chapter") + 1] if "--chapter" in sys.argv else "softmax"
    if "--skip-tests" not in sys.argv:
        rows.append(timed("one chapter, ./dev test CHAPTER", ["bash", str(ROOT / "dev"), "test", chapter, "-q", "-p", "no:cacheprovider"]))
        rows[-1]["label"] = "one chapter, ./dev test CHAPTER"
        workers = str(os.cpu_count() or 2)  # as ./dev test runs it
        rows.append(timed("test suite (pytest)", [PY, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", workers]))
    lines = ["| what | budget (s) | wall (s) | peak memory (MB) |", "| --- | --- | --- | --- |"]
    for row in rows:
        lines.append(f"| {row['label']} | {BUDGETS[row['label']]} | {row['seconds']:.1f} | {row['peak_mb']:.0f} |")
    lines += ["", f"Page code in the cold build ({chapter} is the chapter timed above):", "", "| page | blocks | seconds |", "| --- | --- | --- |"]
    for name, info in sorted(report["pages"].items(), key=lambda kv: -kv[1]["seconds"]):
        lines.append(f"| {name} | {info['blocks']} | {info['seconds']:.1f} |")
    lines.append(f"| all pages | | {report['total_seconds']:.1f} |")
    table = "\n".join(lines)
    (ROOT / "artifacts").mkdir(exist_ok=True)
    (ROOT / "artifacts" / "bench.md").write_text(table + "\n")
    print(table)
    over = [r["label"] for r in rows if r["seconds"] > BUDGETS[r["label"]]]
    if over:
        sys.exit(f"over budget: {', '.join(over)}")


if __name__ == "__main__":
    main()
