"""The course's package as a wheel, written byte for byte the same on every build, with no build backend and no network.

A wheel is a zip: the package's files, then ``<name>-<version>.dist-info/`` with METADATA,
WHEEL and RECORD (every file's sha256). This one carries ``src/torchsteps`` with its
bundled datasets and the snippet scripts under ``torchsteps/snippets``, which
``torchsteps.course.snippet`` finds when the package runs outside the course's folder.
"""
from __future__ import annotations

import ast
import base64
import hashlib
import re
import zipfile
from pathlib import Path

NAME = "torchsteps"
DATE = (1980, 1, 1, 0, 0, 0)  # the earliest zip time: no build's clock ends up in the file
PACKAGE_DATA = ("data/*.gz", "data/README.md")


def project(root: Path) -> dict:
    """name, version, summary, requires-python and dependencies from pyproject.toml's [project] table.

    A small reader, because Python 3.10 has no tomllib; it fails with the field it could not find.
    """
    text = (root / "pyproject.toml").read_text(encoding="utf-8")
    table = text.split("[project]", 1)[-1].split("\n[", 1)[0]

    def field(key: str) -> str:
        found = re.search(rf"^{key}\s*=\s*(.+)$", table, flags=re.M)
        if not found:
            raise ValueError(f"pyproject.toml: [project] has no {key} = ...; the wheel needs it")
        return ast.literal_eval(found[1].strip())

    extras = text.split("[project.optional-dependencies]", 1)[-1].split("\n[", 1)[0] if "[project.optional-dependencies]" in text else ""
    optional = {m[1]: ast.literal_eval(m[2]) for m in re.finditer(r"^([\w-]+)\s*=\s*(\[.*\])$", extras, flags=re.M)}
    return {"name": field("name"), "version": field("version"), "summary": field("description"),
            "requires_python": field("requires-python"), "dependencies": field("dependencies"), "extras": optional}


def wheel_name(root: Path) -> str:
    return f"{NAME}-{project(root)['version']}-py3-none-any.whl"


def files(root: Path) -> dict[str, bytes]:
    """Archive name -> bytes for every file the package installs, sorted."""
    package = root / "src" / NAME
    found = {path for path in package.rglob("*.py") if "__pycache__" not in path.parts}
    for pattern in PACKAGE_DATA:
        found.update(package.glob(pattern))
    out = {f"{NAME}/{p.relative_to(package).as_posix()}": p.read_bytes() for p in found}
    snippets = root / "snippets"
    for path in snippets.rglob("*.py"):
        if "__pycache__" not in path.parts:
            out[f"{NAME}/snippets/{path.relative_to(snippets).as_posix()}"] = path.read_bytes()
    return dict(sorted(out.items()))


def metadata(info: dict) -> str:
    lines = ["Metadata-Version: 2.1", f"Name: {info['name']}", f"Version: {info['version']}",
             f"Summary: {info['summary']}", f"Requires-Python: {info['requires_python']}", "License: MIT"]
    lines += [f"Requires-Dist: {dep}" for dep in info["dependencies"]]
    for extra, deps in info["extras"].items():
        lines.append(f"Provides-Extra: {extra}")
        lines += [f'Requires-Dist: {dep}; extra == "{extra}"' for dep in deps]
    return "\n".join(lines) + "\n"


def build(root: Path, out_dir: Path) -> Path:
    """Write the wheel into ``out_dir`` and return its path; the package's ``__version__`` must match pyproject.toml."""
    info = project(root)
    init = (root / "src" / NAME / "__init__.py").read_text(encoding="utf-8")
    if f'__version__ = "{info["version"]}"' not in init:
        raise ValueError(f"src/{NAME}/__init__.py: __version__ must equal pyproject.toml's version {info['version']!r}")
    dist_info = f"{NAME}-{info['version']}.dist-info"
    content = files(root)
    content[f"{dist_info}/METADATA"] = metadata(info).encode()
    content[f"{dist_info}/WHEEL"] = b"Wheel-Version: 1.0\nGenerator: torchsteps hooks/wheel.py\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    content[f"{dist_info}/top_level.txt"] = f"{NAME}\n".encode()
    record = [f"{name},sha256={_digest(data)},{len(data)}" for name, data in content.items()]
    content[f"{dist_info}/RECORD"] = ("\n".join(record + [f"{dist_info}/RECORD,,"]) + "\n").encode()
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / wheel_name(root)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in content.items():
            entry = zipfile.ZipInfo(name, date_time=DATE)
            entry.external_attr = 0o644 << 16
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, data)
    return path


def _digest(data: bytes) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
