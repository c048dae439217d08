"""The course's own files and notebook display, wherever the package runs: in the course's folder or installed from the wheel.

``snippet`` finds a snippet script (chapter: Dataset and DataLoader): in the course's
folder it is ``snippets/<path>``; the wheel that the site serves carries every snippet
script inside the package, so a notebook downloaded from a chapter runs from any folder.
``show_html`` shows a figure that a block prints as HTML (chapter: Tensors) as a figure
in a notebook, and prints the HTML elsewhere, as a page's ``html="1"`` block does;
``show_markdown`` does the same for a table a block prints as Markdown, and ``session``
keeps the names of a block that the page runs in a session of its own apart from the rest.
"""
from __future__ import annotations

import contextlib
import io
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
#: The copy the wheel carries, then the course folder's own (an editable install of the checkout).
SNIPPET_DIRS = (PACKAGE / "snippets", PACKAGE.parent.parent / "snippets")


def snippet(path: str) -> str:
    """The file ``snippets/<path>`` as a path a subprocess can run (chapter: Dataset and DataLoader).

    ``snippet("ddp/train_ddp.py")`` is ``snippets/ddp/train_ddp.py`` in the course's folder, or the wheel's copy.
    """
    for folder in SNIPPET_DIRS:
        found = folder / path
        if found.is_file():
            return str(found)
    searched = " and ".join(str(folder) for folder in SNIPPET_DIRS)
    raise FileNotFoundError(
        f"snippet {path!r} is in neither {searched}: give a path under the course's snippets/ folder, "
        "and reinstall torchsteps (the wheel from the course's site, or `pip install -e .` in the course folder)"
    )


@contextlib.contextmanager
def show_html():
    """Inside a notebook, show what the block prints (a figure's HTML) as HTML; elsewhere let it print.

    (chapter: Tensors, in its notebook)
    """
    with _shown_as("HTML"):
        yield


@contextlib.contextmanager
def show_markdown():
    """Inside a notebook, show a printed Markdown table formatted; elsewhere let it print.

    (chapter: Convolution from the ground up, in its notebook)
    """
    with _shown_as("Markdown"):
        yield


@contextlib.contextmanager
def _shown_as(kind: str):
    if _ipython() is None:
        yield
        return
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        yield
    import IPython.display

    IPython.display.display(getattr(IPython.display, kind)(buffer.getvalue()))


_SESSIONS: dict[str, dict] = {}


@contextlib.contextmanager
def session(name: str, namespace: dict):
    """Run a block in the page's session ``name``: it sees that session's names, and its own stay in it.

    A page can give blocks a namespace of their own (``session="gpu"``); a notebook has one. Inside
    ``with session("gpu", globals()):`` the names bound by earlier blocks of that session are back, and
    afterwards every name the block bound or changed goes back to what the page's own blocks had made it.
    (chapter: Device-agnostic code, in its notebook)
    """
    outer = dict(namespace)
    namespace.update(_SESSIONS.setdefault(name, {}))
    try:
        yield
    finally:
        for key, value in list(namespace.items()):
            if key not in outer or outer[key] is not value:
                _SESSIONS[name][key] = value
                if key in outer:
                    namespace[key] = outer[key]
                else:
                    del namespace[key]


def _ipython():
    """The running IPython shell, or None in plain Python (IPython is then never imported)."""
    module = sys.modules.get("IPython")
    return module.get_ipython() if module is not None else None
