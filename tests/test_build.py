"""The build machinery itself, on small sites in a temporary copy: the GPU marker, failures that name
their page and block, warnings as errors, no network, and an execution cache that is never stale."""
from __future__ import annotations

from sitekit import build, fence, html_of, make_site


def test_gpu_marker_shows_source_and_a_note_but_never_an_output(tmp_path):
    import torch

    page = "# GPU\n\n" + fence('print("cpu says " + str(6 * 7))') + fence('print("gpu says hello")', 'requires="cuda"')
    site = make_site(tmp_path, {"index.md": page})
    result = build(site)
    assert result.returncode == 0, result.stderr
    html = html_of(site, "index.md")
    assert "cpu says 42" in html
    if torch.cuda.is_available():
        assert "gpu says hello" in html.split("print")[-1]
    else:
        assert "Needs a CUDA GPU: not run in this build" in html
        assert html.count("gpu says hello") == 1  # the source, once; no output


def test_a_missing_snippet_section_fails_the_build_and_names_it(tmp_path):
    pages = {
        "index.md": "# Home\n",
        "missing.md": '# Missing\n\n```python exec="on"\n--8<-- "steps.py:nosuchsection"\n```\n',
    }
    site = make_site(tmp_path, pages, {"steps.py": "# --8<-- [start:real]\nprint(1)\n# --8<-- [end:real]\n"})
    result = build(site)
    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert "nosuchsection" in log and "missing.md" in log  # names the section and the page


def test_each_kind_of_failure_is_reported(tmp_path):
    pages = {
        "index.md": "# Home\n",
        "raises.md": "# Raises\n\n" + fence('x = 1\nraise ValueError("the model exploded")'),
        "warns.md": "# Warns\n\n" + fence('import warnings\nwarnings.warn("old api", DeprecationWarning)'),
        "network.md": "# Net\n\n" + fence('import socket\nsocket.create_connection(("192.0.2.1", 80), timeout=1)'),
        "plain.md": "# Plain\n\n```python\nprint('never ran')\n```\n",
    }
    site = make_site(tmp_path, pages)
    result = build(site)
    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert "plain.md:3" in log and 'without exec="on"' in log
    pages.pop("plain.md")
    site = make_site(tmp_path / "again", pages)
    result = build(site)
    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Aborted with 3 warnings in strict mode" in log
    assert "ValueError: the model exploded" in log and "raises.md" in log
    assert "DeprecationWarning: old api" in log and "warns.md" in log
    assert "NetworkBlockedError" in log and "use the bundled data" in log and "network.md" in log


def test_cache_serves_unchanged_pages_and_reruns_what_a_package_change_touches(tmp_path):
    page = "# Cache\n\n" + fence("from torchsteps.datasets import SPLITS\nprint('splits:', SPLITS)") + fence("print('second block')")
    site = make_site(tmp_path, {"index.md": page})
    first = build(site, cache=True)
    assert first.returncode == 0, first.stderr
    assert "2 blocks (0 cached)" in first.stderr
    second = build(site, cache=True)
    assert "2 blocks (2 cached)" in second.stderr
    # A prose edit keeps the cache; a package edit must re-run the code that may depend on it.
    (site / "docs" / "index.md").write_text(page + "\nMore prose.\n")
    assert "2 blocks (2 cached)" in build(site, cache=True).stderr
    module = site / "src" / "torchsteps" / "datasets.py"
    module.write_text(module.read_text().replace('SPLITS = ("train", "test", "all")', 'SPLITS = ("train", "test", "all", "extra")'))
    third = build(site, cache=True)
    assert "2 blocks (0 cached)" in third.stderr
    assert "extra" in (site / "site" / "index.html").read_text()


def test_editing_an_early_block_reruns_the_blocks_after_it(tmp_path):
    page = "# Chain\n\n" + fence("a = 2") + fence("print('a is', a)")
    site = make_site(tmp_path, {"index.md": page})
    assert build(site, cache=True).returncode == 0
    (site / "docs" / "index.md").write_text(page.replace("a = 2", "a = 3"))
    result = build(site, cache=True)
    assert "2 blocks (0 cached)" in result.stderr
    assert "a is 3" in (site / "site" / "index.html").read_text()


def test_a_cached_prefix_is_replayed_before_a_changed_block_runs(tmp_path):
    page = "# Replay\n\n" + fence("a = 5") + fence("print('b', a + 1)")
    site = make_site(tmp_path, {"index.md": page})
    assert build(site, cache=True).returncode == 0
    (site / "docs" / "index.md").write_text(page.replace("a + 1", "a + 2"))
    result = build(site, cache=True)
    assert result.returncode == 0, result.stderr
    assert "2 blocks (1 cached)" in result.stderr
    assert "b 7" in (site / "site" / "index.html").read_text()


def test_external_links_are_listed_not_fetched(tmp_path):
    page = "# Links\n\nSee [the PyTorch docs](https://pytorch.org/docs/stable/) and [home](index.md).\n"
    site = make_site(tmp_path, {"index.md": "# Home\n", "links.md": page})
    result = build(site)
    assert result.returncode == 0, result.stderr
    listed = (site / "site" / "external-links.txt").read_text()
    assert "https://pytorch.org/docs/stable/\tlinks/index.html" in listed
    assert "External links:" in result.stderr


def test_build_report_names_every_page_with_code(tmp_path):
    import json

    page = "# Timed\n\n" + fence("import time\ntime.sleep(0.2)\nprint('slept')")
    site = make_site(tmp_path, {"index.md": "# Home\n", "timed.md": page})
    result = build(site)
    assert result.returncode == 0, result.stderr
    summary = json.loads((site / "site" / "build-report.json").read_text())
    assert summary["pages"]["timed.md"]["blocks"] == 1 and summary["pages"]["timed.md"]["seconds"] >= 0.2
    assert summary["slowest"][0]["first_line"] == "import time"


def test_serve_shows_a_failing_block_on_its_page_and_names_the_snippet_line(tmp_path):
    """`mkdocs serve --strict`, as `./dev serve` runs it, renders the error in a red box instead of stopping."""
    import os
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    snippet = '"""Steps."""\n# --8<-- [start:fails]\nrate = 3\nprint(rate / 0)\n# --8<-- [end:fails]\n'
    page = "# Fails\n\n" + fence('print("before")') + fence('--8<-- "steps.py:fails"')
    site = make_site(tmp_path, {"index.md": page}, {"steps.py": snippet})
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", TORCHSTEPS_EXEC_CACHE="0")
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--strict", "--no-livereload", "-a", f"127.0.0.1:{port}", "-f", str(site / "mkdocs.yml")],
        cwd=site, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    try:
        html, deadline = "", time.monotonic() + 180
        while time.monotonic() < deadline and server.poll() is None:
            try:
                html = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5).read().decode()
                break
            except OSError:
                time.sleep(1)
        assert html, f"mkdocs serve never answered:\n{(tmp_path / 'serve.log').read_text()}"
        assert "before" in html
        assert "This block raised an error at snippets/steps.py, line 4: print(rate / 0)" in html
        assert "ZeroDivisionError" in html and 'class="admonition failure"' in html
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
