"""Take the course away: the wheel the site serves, every chapter as a notebook and a script, the "Run this yourself" box.

The notebooks run in a clean Python that sees .venv's packages but not src/ (tests/takeawaykit.py),
with only the course's wheel installed, from an empty folder, so a file the wheel forgot fails here.
One test per chapter, one kernel per notebook; under pytest-xdist the chapters spread over the workers.
"""
from __future__ import annotations

import html
import os
import re
import subprocess
import zipfile
from pathlib import Path

import nbformat
import notebooks
import pytest
import takeawaykit
import wheel
from fences import python_fences
from pagerun import DOCS, snippet_settings

ROOT = Path(__file__).resolve().parent.parent
SITE = Path(os.environ.get("TORCHSTEPS_SITE", ROOT / "site"))
SITE_URL = "https://torchsteps.github.io/torchsteps/"
WHEEL_URL = f"{SITE_URL}downloads/{wheel.wheel_name(ROOT)}"
CHAPTERS = sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md")
                  if any(b["exec"] for b in python_fences(p.read_text(encoding="utf-8"))))
COMPARED = "learning/linear-model.md"  # the chapter whose printed outputs are compared with its built page
#: `./dev test CHAPTER` sets TORCHSTEPS_CHAPTER: then only that chapter's notebook runs.
RUN = [p for p in CHAPTERS if p == os.environ.get("TORCHSTEPS_CHAPTER")] or CHAPTERS


def generate(page: str) -> nbformat.NotebookNode:
    return notebooks.chapter_notebook((DOCS / page).read_text(encoding="utf-8"), page=page, site_url=SITE_URL,
                                      wheel_url=WHEEL_URL, expand=notebooks.snippet_expander(snippet_settings()))


@pytest.fixture(scope="session")
def clean(tmp_path_factory):
    """(python, kernel folder) of a clean environment with only the freshly built wheel installed."""
    folder = tmp_path_factory.mktemp("takeaway")
    python = takeawaykit.clean_env(folder / "env")
    probe = "import importlib.util, torch; print(importlib.util.find_spec('torchsteps'))"
    seen = subprocess.run([python, "-c", probe], capture_output=True, text=True, check=True).stdout.strip()
    assert seen == "None", f"before the wheel is installed the clean Python must not find torchsteps, yet it found {seen}"
    takeawaykit.install(wheel.build(ROOT, folder / "dist"), python)
    return python, takeawaykit.kernel_dir(python, folder / "kernels")


def built(path: str) -> Path:
    found = SITE / path
    if not found.is_file():
        pytest.fail(f"no {found} in the built site: run ./dev build (./dev test builds it first)")
    return found


# The notebooks and scripts, as generated (nothing runs)

def test_every_chapter_is_found_from_the_pages_not_a_list():
    assert len(CHAPTERS) >= 22 and "structure/char-lm.md" in CHAPTERS and "index.md" not in CHAPTERS


def test_notebook_keeps_prose_math_and_code_in_page_order():
    notebook = generate(COMPARED)
    nbformat.validate(notebook)
    code = [c.source for c in notebook.cells if c.cell_type == "code"]
    markdown = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    assert len(code) == 1 + sum(b["exec"] for b in python_fences((DOCS / COMPARED).read_text(encoding="utf-8")))
    assert "find_spec(\"torchsteps\") is None" in code[0] and WHEEL_URL in code[0]  # the first cell installs the wheel
    assert "[vision]" not in code[0] and f"torchsteps[vision] @ {WHEEL_URL}" in generate("real-data/datasets.md").cells[0].source
    assert "--8<--" not in "\n".join(code) and code[1].startswith("import torch")  # includes expanded, in order
    assert "$$\n\\text{loss}(w) = \\frac{1}{N}" in markdown  # math as written
    assert "```python" not in markdown and "!!!" not in markdown and "???" not in markdown
    assert f"]({SITE_URL}learning/gradient-descent/)" in markdown  # links to other chapters point at the site


def test_prose_after_a_code_cell_in_a_solution_does_not_become_a_code_block():
    """Jupyter renders 4-space indented prose as code: every <pre> in the markdown cells comes from a ``` fence."""
    import mistune

    render = mistune.create_markdown()
    for page in CHAPTERS:
        for cell in generate(page).cells:
            if cell.cell_type == "markdown":
                fenced = len(re.findall(r"^\s*```\w", cell.source, flags=re.M))
                assert render(cell.source).count("<pre>") == fenced, f"{page}: {cell.source[:300]}"


def test_gpu_block_is_kept_behind_a_cuda_check_and_figures_and_tables_are_shown():
    cells = [c.source for c in generate("foundations/tensors.md").cells if c.cell_type == "code"]
    gpu = [c for c in cells if c.startswith(notebooks.GPU_NOTE)]
    assert len(gpu) == 1 and "if torch.cuda.is_available():\n    " in gpu[0] and "build_threads = torch.get_num_threads()" in gpu[0]
    figures = [c for c in cells if c.startswith(notebooks.FIGURE_NOTE)]
    assert figures and all("with show_html():\n    " in c for c in figures)
    tables = [c.source for c in generate("structure/convolution.md").cells if c.source.startswith(notebooks.TABLE_NOTE)]
    assert tables and all("with show_markdown():\n    " in c for c in tables)  # output="markdown" blocks


def test_each_session_starts_from_seed_zero_as_the_build_seeds_it():
    cells = [c.source for c in generate("structure/rnn.md").cells if c.cell_type == "code"]
    sessions = {b["options"].get("session") for b in python_fences((DOCS / "structure/rnn.md").read_text()) if b["exec"]} - {None}
    assert sessions and sum("torch.manual_seed(0)  # a new session" in c for c in cells) == len(sessions)


def test_a_guard_that_would_change_a_multi_line_string_is_refused():
    page = '# T\n\n```python exec="on" requires="cuda"\ns = """a\nb"""\n```\n'
    with pytest.raises(ValueError, match=r"x\.md: a block marked requires= or html= holds a multi-line string"):
        notebooks.chapter_notebook(page, page="x.md", site_url=SITE_URL, wheel_url=WHEEL_URL)


def test_script_is_the_notebook_in_percent_cells_and_compiles():
    notebook = generate(COMPARED)
    script = notebooks.to_script(notebook)
    compile(script, "linear-model.py", "exec")
    assert script.count("# %%\n") == sum(c.cell_type == "code" for c in notebook.cells)
    assert script.count("# %% [markdown]\n") == sum(c.cell_type == "markdown" for c in notebook.cells)


def test_snippet_finds_the_course_file_and_names_a_missing_one():
    from torchsteps.course import snippet

    assert Path(snippet("ddp/train_ddp.py")) == ROOT / "snippets" / "ddp" / "train_ddp.py"
    with pytest.raises(FileNotFoundError, match=r"snippet 'ddp/nope\.py' is in neither .* reinstall torchsteps"):
        snippet("ddp/nope.py")


def test_show_html_and_show_markdown_print_unchanged_outside_a_notebook(capsys):
    from torchsteps.course import show_html, show_markdown

    with show_html():
        print("<figure>f</figure>")
    with show_markdown():
        print("| a |")
    assert capsys.readouterr().out == "<figure>f</figure>\n| a |\n"


def test_session_keeps_a_blocks_names_apart_as_the_page_does():
    from torchsteps.course import session

    page, seen = {"session": session, "model": "the page's model"}, []
    page["seen"] = seen
    exec("with session('test-gpu', globals()):\n    model = 'the gpu model'\n    only_gpu = 2", page)
    assert page["model"] == "the page's model" and "only_gpu" not in page  # nothing leaks out of the session
    exec("with session('test-gpu', globals()):\n    seen.append((model, only_gpu))", page)
    assert seen == [("the gpu model", 2)]  # and the session's own names are back in its next block


def test_session_cells_are_wrapped_and_the_gpu_cells_guarded():
    cells = [c.source for c in generate("beyond-cpu/timing.md").cells if c.cell_type == "code"]
    gpu = [c for c in cells if c.startswith(notebooks.GPU_NOTE)]
    assert gpu and all("if torch.cuda.is_available():\n    with session('gpu', globals())" in c for c in gpu)


# The wheel

def test_wheel_is_reproducible_and_carries_the_package_data_and_snippets(tmp_path):
    first, second = wheel.build(ROOT, tmp_path / "a"), wheel.build(ROOT, tmp_path / "b")
    assert first.name == f"torchsteps-{wheel.project(ROOT)['version']}-py3-none-any.whl"
    assert first.read_bytes() == second.read_bytes()
    names = zipfile.ZipFile(first).namelist()
    from torchsteps.datasets import CHECKSUMS

    assert {f"torchsteps/data/{name}" for name in CHECKSUMS} <= set(names)
    assert "torchsteps/datasets.py" in names and "torchsteps/snippets/ddp/train_ddp.py" in names
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]


def test_clean_env_imports_the_package_from_the_wheel_not_src(clean):
    """The fixture found no torchsteps before installing the wheel (torch, from .venv, imported); now it is the wheel's."""
    where = subprocess.run([clean[0], "-c", "import torchsteps; print(torchsteps.__file__)"], capture_output=True, text=True, check=True)
    assert Path(where.stdout.strip()).is_relative_to(clean[0].parent.parent) and "src" not in Path(where.stdout).parts


def test_a_wheel_missing_a_data_file_fails_with_the_file_named(tmp_path, monkeypatch):
    original = wheel.files
    monkeypatch.setattr(wheel, "files", lambda root: {k: v for k, v in original(root).items() if not k.endswith("diabetes.csv.gz")})
    python = takeawaykit.clean_env(tmp_path / "env")
    takeawaykit.install(wheel.build(ROOT, tmp_path / "dist"), python)
    result = subprocess.run([python, "-c", "from torchsteps.datasets import load_diabetes; load_diabetes()"],
                            capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode != 0 and "diabetes.csv.gz is missing" in result.stderr


# Every chapter's notebook, run in the clean environment

@pytest.mark.parametrize("page", RUN)
def test_chapter_notebook_runs_from_an_empty_folder_with_only_the_wheel(page, clean, tmp_path):
    stem = page.removesuffix(".md")
    notebook = nbformat.read(built(f"downloads/{stem}.ipynb"), as_version=4) if page == COMPARED else generate(page)
    notebook = takeawaykit.run(notebook, clean[1], tmp_path)  # raises on the first cell that fails or warns
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert all(c.get("execution_count") for c in code), "every cell ran"
    assert any(takeawaykit.printed(c) for c in code), "the chapter printed something"
    if page == COMPARED:
        expected = page_outputs(built(f"{stem}/index.html"))
        assert sum(map(bool, expected)) >= 5 and [takeawaykit.printed(c).strip() for c in code[1:]] == expected
        shown = [o for c in code for o in c.outputs if o.get("output_type") == "display_data"]
        assert shown and all("<svg" in o["data"]["text/html"] for o in shown), "figures show as figures"


def test_the_clean_kernel_is_offline_and_a_cell_that_warns_fails(clean, tmp_path):
    from nbclient.exceptions import CellExecutionError

    reach = "import socket\ntry:\n    socket.create_connection(('192.0.2.1', 80), timeout=1)\nexcept ConnectionRefusedError as error:\n    print(error)"
    warn = "import warnings\nwarnings.warn('old api', DeprecationWarning)"
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(reach), nbformat.v4.new_code_cell(warn)])
    with pytest.raises(CellExecutionError, match="old api"):
        takeawaykit.run(notebook, clean[1], tmp_path)
    assert "a chapter notebook under the tests tried to connect to '192.0.2.1'" in takeawaykit.printed(notebook.cells[0])


def page_outputs(page_html: Path) -> list[str]:
    """The text each executed block printed on a built page, in order ("" for none, and for a figure)."""
    outputs = []
    for block in page_html.read_text(encoding="utf-8").split('<div class="ts-block" data-ts-block="1">')[1:]:
        _, found, rest = block.partition('<div class="ts-output" data-ts-output="1">')
        code = re.match(r'<div class="highlight"><pre><span></span><code>(.*?)</code>', rest, flags=re.S) if found else None
        outputs.append(html.unescape(re.sub(r"<[^>]+>", "", code[1])).strip() if code else "")
    return outputs


# The built site: the downloads and the box

def test_downloaded_notebook_is_the_generated_one_and_the_wheel_is_the_built_one(tmp_path):
    stem = COMPARED.removesuffix(".md")
    assert nbformat.reads(built(f"downloads/{stem}.ipynb").read_text(encoding="utf-8"), as_version=4) == generate(COMPARED)
    assert built(f"downloads/{stem}.py").read_text(encoding="utf-8") == notebooks.to_script(generate(COMPARED))
    assert built(f"downloads/{wheel.wheel_name(ROOT)}").read_bytes() == wheel.build(ROOT, tmp_path).read_bytes()


@pytest.mark.parametrize("page", ["index.md", *CHAPTERS])
def test_every_download_link_resolves_and_the_box_says_how_to_run(page):
    folder = page.removesuffix(".md").removesuffix("index")
    page_html = built(f"{folder}/index.html".lstrip("/")).read_text(encoding="utf-8")
    links = re.findall(r'href="([^"]*downloads/[^"]*)"', page_html)
    expected = {"latest.html"} | ({f"{page.removesuffix('.md')}.ipynb", f"{page.removesuffix('.md')}.py"} if page != "index.md" else set())
    assert {link.split("downloads/", 1)[1] for link in links} == expected
    for link in links:
        assert (SITE / folder / link).resolve().is_file(), f"{page}: {link} does not resolve in the built site"
    box = html.unescape(re.sub(r"<[^>]+>", "", page_html[page_html.index("Run this yourself") :].split("</details>")[0]))
    assert f'pip install "torchsteps[vision] @ {WHEEL_URL}"' in box
    assert "./dev serve" in box and "torch 2.14.1" in box and "NVIDIA H100 and H200 GPUs with torch 2.11" in box
    assert (SITE / WHEEL_URL.removeprefix(SITE_URL)).is_file()


def test_downloads_index_names_the_current_wheel_and_every_chapter():
    index = built("downloads/latest.html").read_text(encoding="utf-8")
    hrefs = [h for h in re.findall(r'href="([^"]+)"', index) if not h.startswith("data:")]
    assert wheel.wheel_name(ROOT) in hrefs
    assert {h for h in hrefs if h.endswith(".ipynb")} == {p.removesuffix(".md") + ".ipynb" for p in CHAPTERS}
    assert all((SITE / "downloads" / h).is_file() for h in hrefs)


def test_links_and_box_fit_a_phone_in_chromium():
    """At 390 px the download links show above the fold, the box starts closed, and open it fits the screen."""
    pytest.importorskip("playwright.sync_api")
    import functools
    import http.server
    import threading

    import test_browser as tb
    from playwright.sync_api import sync_playwright

    tb._need_site_and_browser()
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(tb._QuietHandler, directory=str(tb.SITE)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=tb.CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            visit = tb.Visit(browser, f"http://127.0.0.1:{httpd.server_address[1]}/learning/linear-model/", viewport=tb.PHONE)
            page = visit.page
            links = page.locator(".ts-downloads a").evaluate_all("els => els.map(e => e.getBoundingClientRect().toJSON())")
            assert len(links) == 2 and all(0 < r["bottom"] <= tb.PHONE["height"] and r["right"] <= tb.PHONE["width"] for r in links)
            box = page.locator("details:has(summary:text('Run this yourself'))")
            assert box.evaluate("e => e.open") is False
            box.locator("summary").click()
            page.wait_for_timeout(300)
            assert box.evaluate("e => e.open") is True and box.bounding_box()["width"] <= tb.PHONE["width"]
            assert page.evaluate("document.documentElement.scrollWidth") <= tb.PHONE["width"], "nothing widens the page"
            assert visit.foreign_requests() == [] and visit.errors == []
            visit.close()
            browser.close()
    finally:
        httpd.shutdown()
        httpd.server_close()
