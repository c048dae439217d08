"""A clean Python for the downloaded notebooks: .venv's packages (torch and the rest) but not the course's src/ folder.

The environment is a ``venv --without-pip`` whose site-packages holds a ``.pth`` line naming .venv's
site-packages. Python adds that path but does not read the ``.pth`` files inside it, so .venv's editable
install of ``src/`` stays invisible, and ``torchsteps`` comes only from the wheel installed there.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import nbformat
from kernels import KERNEL_WARNINGS, TOOL_WARNINGS

ROOT = Path(__file__).resolve().parent.parent
KERNEL = "torchsteps-clean"


def clean_env(folder: Path) -> Path:
    """Create the clean environment in ``folder`` and return its python."""
    venv.EnvBuilder(with_pip=False, symlinks=os.name != "nt").create(folder)
    python = folder / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    site = Path(subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    (site / "course_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    return python


def install(wheel: Path, python: Path) -> None:
    """pip installs the wheel, offline and without dependencies, into the clean environment's site-packages.

    ``--target`` makes pip ignore what .venv has installed (an editable torchsteps of the same version),
    so it neither skips the wheel nor touches .venv.
    """
    site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps",
                    "--no-index", "--no-compile", "--target", site, str(wheel)], check=True, capture_output=True, text=True)


def kernel_dir(python: Path, folder: Path) -> Path:
    """A kernel spec (``folder/kernels/<name>``) that starts ipykernel with the clean python, warnings as errors,
    with the tests' socket guard (hooks/offline.py) loaded by an IPython start-up file."""
    spec = folder / "kernels" / KERNEL
    spec.mkdir(parents=True, exist_ok=True)
    startup = folder / "ipython" / "profile_default" / "startup" / "00-offline.py"
    startup.parent.mkdir(parents=True, exist_ok=True)
    hooks = str(ROOT / "hooks")
    startup.write_text(f"import sys\nsys.path.append({hooks!r})\nimport offline\nsys.path.remove({hooks!r})\n"
                       'offline.block_network("a chapter notebook under the tests")\ndel sys, offline\n', encoding="utf-8")
    tools = [f"ignore:{message}:{category.__name__}" for message, category in TOOL_WARNINGS]  # as page blocks ignore them
    env = {"PYTHONWARNINGS": ",".join([KERNEL_WARNINGS, *tools]), "PYTHONPATH": "", "OMP_NUM_THREADS": "1", "MPLBACKEND": "Agg",
           "TORCHINDUCTOR_COMPILE_THREADS": "1", "PYTHONDONTWRITEBYTECODE": "1", "IPYTHONDIR": str(startup.parents[2])}
    argv = [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    (spec / "kernel.json").write_text(json.dumps({"argv": argv, "display_name": KERNEL, "language": "python", "env": env}))
    return spec.parent


def run(notebook: nbformat.NotebookNode, kernels: Path, cwd: Path, timeout: int = 300) -> nbformat.NotebookNode:
    """Run every cell in a fresh kernel of the clean python, from ``cwd``; a cell that raises raises here.

    nbclient makes and closes the kernel manager itself; ``JUPYTER_PATH`` points it at the clean kernel's spec.
    """
    from nbclient import NotebookClient

    before = os.environ.get("JUPYTER_PATH")
    os.environ["JUPYTER_PATH"] = str(kernels.parent)
    try:
        NotebookClient(notebook, kernel_name=KERNEL, timeout=timeout, allow_errors=False, shutdown_kernel="immediate",
                       resources={"metadata": {"path": str(cwd)}}).execute()
    finally:
        if before is None:
            del os.environ["JUPYTER_PATH"]
        else:
            os.environ["JUPYTER_PATH"] = before
    return notebook


def printed(cell) -> str:
    """What a code cell printed (its stream outputs), as the page shows a block's output."""
    return "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("output_type") == "stream")
