"""The snippet runner itself: a file that others read runs once, as __main__, for its own test and for its readers."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import snippetrun

HERE = Path(__file__).resolve().parent


def _zygote(tmp_path: Path) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(HERE.parent / "src"), str(HERE.parent / "hooks")]), MPLBACKEND="Agg")
    return subprocess.Popen([sys.executable, "-W", "error", str(HERE / "zygote.py")], cwd=tmp_path, env=env,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)


def _ask(zygote: subprocess.Popen, script: Path, hold: bool, *siblings: Path) -> tuple[int, str, str]:
    out, err = script.with_suffix(".out"), script.with_suffix(".err")
    zygote.stdin.write("\t".join([str(script), str(out), str(err), "hold" if hold else "-", *map(str, siblings)]) + "\n")
    zygote.stdin.flush()
    return int(zygote.stdout.readline()), out.read_text(), err.read_text()


def test_a_held_file_runs_once_as_main_for_its_own_test_and_its_readers(tmp_path):
    runs = tmp_path / "runs.txt"
    read = "import runpy\nfrom pathlib import Path\nvalue = runpy.run_path(str(Path(__file__).with_name('{}')))['value']\nprint('read', value)\n"
    (tmp_path / "train.py").write_text(f"with open({str(runs)!r}, 'a') as f:\n    f.write('ran\\n')\nvalue = 41 + 1\nprint('trained', value)\n")
    (tmp_path / "reader.py").write_text(read.format("train.py"))
    (tmp_path / "broken.py").write_text("print('about to fail')\nraise ValueError('broken on purpose')\n")
    (tmp_path / "reads_broken.py").write_text(read.format("broken.py"))
    zygote = _zygote(tmp_path)
    try:
        assert _ask(zygote, tmp_path / "train.py", True) == (0, "trained 42\n", "")  # its own test: as __main__, its output
        code, out, err = _ask(zygote, tmp_path / "reader.py", False, tmp_path / "train.py")
        assert (code, out, err) == (0, "read 42\n", "")
        assert runs.read_text() == "ran\n"  # trained once for both
        code, out, err = _ask(zygote, tmp_path / "broken.py", True)
        assert code == 1 and out == "about to fail\n" and "ValueError: broken on purpose" in err
        code, out, err = _ask(zygote, tmp_path / "reads_broken.py", False, tmp_path / "broken.py")
        assert code == 1 and "ValueError: broken on purpose" in err  # the reader runs it again and shows the error
    finally:
        zygote.stdin.close()
        assert zygote.wait(timeout=60) == 0
        zygote.stdout.close()


def test_only_files_that_never_look_at_their_name_are_held_and_families_run_together():
    for snippet in snippetrun.held():
        assert "__name__" not in (snippetrun.ROOT / snippet).read_text(encoding="utf-8"), snippet
    assert "snippets/cnn/improved.py" in snippetrun.held()  # read by the mistakes, filters and feature-map steps
    assert "snippets/char_lm/train.py" not in snippetrun.held()  # it has a main guard: run_path would see another namespace
    fit = snippetrun.family("snippets/char_lm/fit.py")
    assert fit == snippetrun.family("snippets/char_lm/exercise_reach.py") and "snippets/char_lm/data.py" in fit.split(",")
    order = snippetrun._in_order(["snippets/cnn/mistakes.py", "snippets/cnn/improved.py"])
    assert order == ["snippets/cnn/improved.py", "snippets/cnn/mistakes.py"]
