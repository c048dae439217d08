"""Under `mkdocs serve` only: a block that raises shows its error on the page instead of stopping the build.

`./dev build` and the tests stay strict. While writing, a failing block would
otherwise leave the browser waiting on a server that looks stuck.
"""
from __future__ import annotations

import logging
import re
from pathlib import Path

#: The logger markdown-exec reports a failed block on.
EXEC_LOGGER = "mkdocs.plugins.markdown_exec._internal.formatters.base"


class Catcher(logging.Filter):
    """Keeps a block's failure out of the strict count and remembers its message."""

    def __init__(self):
        super().__init__()
        self.messages: list[str] = []

    def filter(self, record: logging.LogRecord) -> bool:
        self.messages.append(record.getMessage())
        return False


def admonition(src: str, message: str, traceback_html: str, md, snippets: Path) -> str:
    """A red box naming the snippet file and line that raised, then the traceback (the hook puts the source above)."""
    from markdown_exec import MarkdownConverter

    numbers = [int(n) for n in re.findall(r'File "<code block: [^"]*>", line (\d+)', message)]
    where = "this block"
    if numbers:
        lines = src.splitlines()
        line = lines[numbers[-1] - 1] if numbers[-1] <= len(lines) else ""
        where = snippet_location(line, snippets) or f"line {numbers[-1]} of this block: {line.strip()}"
    note = (
        f'!!! failure "This block raised an error at {where.replace(chr(34), chr(39))}"\n'
        "    `mkdocs serve` shows it here so you can keep writing; `./dev build` and the tests stop on it.\n"
    )
    return str(MarkdownConverter(md).convert(note)) + traceback_html


def snippet_location(line: str, snippets: Path) -> str:
    """'snippets/<dir>/<file>.py, line N: <code>' for the first snippet file holding this exact line, or ''."""
    if not line.strip():
        return ""
    for path in sorted(snippets.rglob("*.py")):
        for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if text.strip() == line.strip():
                return f"snippets/{path.relative_to(snippets).as_posix()}, line {number}: {line.strip()}"
    return ""
