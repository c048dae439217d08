"""How the course marks and reads executed code blocks; shared by the build hook and the tests.

A page shows executed code with a fence like

    ```python exec="on"
    --8<-- "tensors/create.py:zeros"
    ```

and marks a block that needs a GPU with ``requires="cuda"``. Every block on a
page shares one namespace (its page's session) unless it names ``session=``.
"""
from __future__ import annotations

import re
import shlex

#: The one GPU marker: ``requires="cuda"`` in a python fence's options.
REQUIRES = "requires"
GPU_VALUES = {"cuda"}
#: ``timing="1"`` marks a block whose output holds measured times, which differ between builds.
TIMING = "timing"

FENCE_RE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<lang>[\w+-]*)[ \t]*(?P<options>[^\n`]*)$")
PYTHON_LANGS = {"python", "py", "python3"}


def parse_options(text: str) -> dict[str, str]:
    """``exec="on" session="x"`` -> ``{"exec": "on", "session": "x"}``."""
    options = {}
    for token in shlex.split(text):
        key, _, value = token.partition("=")
        options[key] = value
    return options


def is_true(value: str | None) -> bool:
    return str(value).lower() in {"1", "on", "yes", "true"}


def python_fences(text: str) -> list[dict]:
    """Every python fence on a page, in order: its line, its options and whether it executes at build.

    The code itself is read by pytest-codeblocks in the tests and by markdown-exec at build.
    """
    found, lines, i = [], text.splitlines(), 0
    while i < len(lines):
        match = FENCE_RE.match(lines[i])
        if not match:
            i += 1
            continue
        fence = match["fence"]
        end = i + 1
        while end < len(lines) and not (lines[end].strip().startswith(fence) and lines[end].strip().strip(fence[0]) == ""):
            end += 1
        if match["lang"].lower() in PYTHON_LANGS:
            options = parse_options(match["options"])
            found.append({"lineno": i + 1, "options": options, "exec": is_true(options.get("exec"))})
        i = end + 1
    return found


def needs_cuda(options: dict[str, str]) -> bool:
    return options.get(REQUIRES, "").lower() in GPU_VALUES
