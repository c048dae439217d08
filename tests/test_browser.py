"""The built site in a real browser (Debian's Chromium driven by Playwright), served on localhost.

Reads the site that `./dev test` builds into site/ (or $TORCHSTEPS_SITE). Saves screenshots
of every chapter, desktop and phone, to artifacts/screenshots/.
"""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parent.parent
SITE = Path(os.environ.get("TORCHSTEPS_SITE", ROOT / "site"))
SHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM = os.environ.get("TORCHSTEPS_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"  # the variable: another build
PAGES = sorted(
    p.parent.relative_to(SITE).as_posix() + "/" if p.parent != SITE else ""
    for p in SITE.rglob("index.html")
    if "assets" not in p.parts
) if SITE.is_dir() else []
if os.environ.get("TORCHSTEPS_CHAPTER"):  # `./dev test CHAPTER` executed only that page: check only that one
    PAGES = [p for p in PAGES if p == os.environ["TORCHSTEPS_CHAPTER"].removesuffix(".md") + "/"]
SITE_URL = "https://torchsteps.github.io/torchsteps/"
CHAPTER_FOLDERS = ("foundations/", "learning/", "real-data/", "structure/", "beyond-cpu/")
CHAPTERS = [p for p in PAGES if p.startswith(CHAPTER_FOLDERS)] or ["<no site>"]
LABS = [p for p in PAGES if p.startswith("labs/")]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 860}

playwright_api = pytest.importorskip("playwright.sync_api")


def _need_site_and_browser():
    if not (SITE / "index.html").is_file():
        pytest.fail(f"no built site at {SITE}: run ./dev build (./dev test builds it first)")
    if not Path(CHROMIUM).exists():
        message = "Chromium is missing: install Debian's chromium package (./dev test does so as root)"
        if os.environ.get("CI"):
            pytest.fail(message)  # CI must run the browser tests
        pytest.skip(message)


@pytest.fixture(scope="module")
def server():
    _need_site_and_browser()
    handler = functools.partial(_QuietHandler, directory=str(SITE))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site; its sitemap names the hosted URL, so point it here as `mkdocs serve` would."""

    def log_message(self, *args):
        pass

    def do_GET(self):
        if not self.path.endswith("sitemap.xml"):
            return super().do_GET()
        base = f"http://{self.headers['Host']}/"
        body = (SITE / "sitemap.xml").read_text().replace(SITE_URL, base).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def chromium():
    _need_site_and_browser()
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        )
        yield browser
        browser.close()


class Visit:
    """One page load with every request and console error recorded."""

    def __init__(self, browser, url: str, viewport=DESKTOP, color_scheme="light"):
        self.context = browser.new_context(viewport=viewport, color_scheme=color_scheme)
        self.page = self.context.new_page()
        self.requests, self.errors = [], []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(url, wait_until="networkidle")

    def foreign_requests(self) -> list[str]:
        return [u for u in self.requests if urlparse(u).hostname not in ("127.0.0.1", "localhost") and not u.startswith(("data:", "blob:"))]

    def close(self):
        self.context.close()


# Which boxes a reader sees as output, from computed styles: the "output" label is a ::before on the box.
_OUTPUT_BOXES = """() => {
  const label = e => getComputedStyle(e, '::before').content === '"output"';
  const barred = e => [e, ...e.querySelectorAll('*')].some(x => getComputedStyle(x).borderLeftStyle !== 'none' && getComputedStyle(x).borderLeftWidth !== '0px');
  const styled = e => label(e) || barred(e);
  const python = e => e.querySelector('.highlight .kn, .highlight .k, .highlight .nf, .highlight .nn, .highlight .o') !== null;
  const labelled = [...document.querySelectorAll('article *')].filter(label);
  const blocks = [...document.querySelectorAll('article [data-ts-block]')].map((b, i) => {
    const source = b.firstElementChild;
    const printed = b.children.length > 1;
    const outs = [...b.querySelectorAll('*')].filter(label);
    return {i, sourceLabelled: styled(source) || outs.some(o => o.contains(source)), printed, outs: outs.length,
            text: source.textContent.trim().split('\\n')[0].slice(0, 60)};
  });
  return {sourceAsOutput: labelled.filter(python).map(e => e.textContent.trim().slice(0, 60)), blocks,
          outsideBlocks: labelled.filter(e => !e.closest('[data-ts-block]')).length};
}"""


# What a reader sees on one page, read in one pass: the prose outside code (where TeX would show if unrendered),
# the copy buttons, the drawn size of every visible figure, and the build line.
_PAGE_FACTS = """() => {
  const a = document.querySelector('article').cloneNode(true);
  a.querySelectorAll('code, pre, script, style').forEach(e => e.remove());
  const figures = [...document.querySelectorAll('article figure.ts-figure svg')].filter(e => e.checkVisibility())
    .map(e => { const r = e.getBoundingClientRect(); return [r.width, r.height]; });
  return {prose: a.textContent, code: document.querySelectorAll('article pre code').length,
          copy: document.querySelectorAll('article button[data-md-type=copy], article .md-clipboard').length,
          figures, buildInfo: document.querySelectorAll('[data-build-info]').length};
}"""
# On a phone: how wide the page is, and what sticks out of the viewport without a scrolling box around it.
_PHONE_FACTS = """() => {
  const fits = e => e.getBoundingClientRect().right <= window.innerWidth + 1;
  const scrolls = e => ['auto', 'scroll', 'hidden'].includes(getComputedStyle(e).overflowX);
  const contained = e => { for (let a = e.parentElement; a; a = a.parentElement) if (scrolls(a)) return fits(a); return false; };
  const wide = [...document.querySelectorAll('article pre, article table, article figure, article .ts-math-block, article math')]
    .filter(e => !fits(e) && !(scrolls(e) && e.clientWidth <= window.innerWidth) && !contained(e))
    .map(e => e.tagName + ' ' + (e.getAttribute('alttext') || e.className));
  return {width: document.documentElement.scrollWidth, wide};
}"""
_desktop: dict[str, dict] = {}


def desktop_view(chromium, server, path: str) -> dict:
    """One desktop load of a page, shared by the tests that read it: its facts, requests and errors, and for a chapter or
    lab its output boxes, its screenshot, and the same page at a phone's width. Loading a page once instead of once per
    test keeps the browser tests quick."""
    if path not in _desktop:
        visit = Visit(chromium, server + path)
        try:
            # Material adds the copy buttons from script after the load; a busy machine may still be doing so.
            visit.page.wait_for_function(
                "!document.querySelector('article pre code') || document.querySelector('article .md-clipboard, "
                "article button[data-md-type=copy]')", timeout=15000)
            seen = visit.page.evaluate(_PAGE_FACTS)
            if path in CHAPTERS:
                seen["outputs"] = visit.page.evaluate(_OUTPUT_BOXES)
            if path in CHAPTERS + LABS:
                SHOTS.mkdir(parents=True, exist_ok=True)
                name = path.strip("/").replace("/", "-")
                visit.page.screenshot(path=str(SHOTS / f"{name}-desktop.png"))
                # The same page narrowed to a phone's width, as a reader turning a tablet would see it reflow:
                # the layout follows the media queries as on a fresh load, without loading the page again.
                visit.page.set_viewport_size(PHONE)
                visit.page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
                visit.page.screenshot(path=str(SHOTS / f"{name}-phone.png"))
                seen["phone"] = visit.page.evaluate(_PHONE_FACTS)
            seen["foreign"], seen["errors"] = visit.foreign_requests(), list(visit.errors)
        finally:
            visit.close()
        _desktop[path] = seen
    return _desktop[path]


@pytest.mark.parametrize("path", PAGES or ["<no site>"])
def test_page_loads_offline_without_errors(chromium, server, path):
    seen = desktop_view(chromium, server, path)
    assert seen["foreign"] == [], f"{path} asked a third party: {seen['foreign']}"
    assert seen["errors"] == [], f"{path} console errors: {seen['errors']}"
    prose = seen["prose"]
    assert "\\(" not in prose and "$$" not in prose and "\\frac" not in prose, f"{path} shows raw TeX"
    if seen["code"]:
        assert seen["copy"] > 0, f"{path} has code but no copy buttons"
    small = [size for size in seen["figures"] if size[0] <= 50 or size[1] <= 50]
    assert small == [], f"{path} has figures with no size: {small}"
    assert seen["buildInfo"] == 1, f"{path} does not say what it was built with"


def test_math_is_rendered_as_mathml(chromium, server):
    visit = Visit(chromium, server + "foundations/tensors/")
    try:
        math = visit.page.locator("article math")
        assert math.count() >= 5
        box = visit.page.locator("article .ts-math-block math").first.bounding_box()
        assert box and box["height"] > 10
    finally:
        visit.close()


def test_a_labs_formula_is_mathml_its_solutions_are_collapsed_and_its_notebook_downloads(chromium, server):
    """Lab I's loss renders as MathML, as on chapter pages; a solution opens on a click, with its output; the .ipynb is there."""
    visit = Visit(chromium, server + "labs/regression/")
    try:
        page = visit.page
        loss = page.locator("article .ts-math-block math[alttext*='\\\\mathcal{L}(w, b)']").first
        box = loss.bounding_box()
        assert box and box["height"] > 30 and box["width"] > 150, f"the loss formula is not drawn: {box}"
        assert page.locator("article math").count() >= 10
        assert page.locator("article script[type='text/x-mathjax-config']").count() == 0
        solutions = page.locator("article details.ts-solution")
        assert solutions.count() == 2 and page.locator("article details.ts-solution[open]").count() == 0
        code = solutions.first.locator("pre").first
        assert not code.is_visible(), "a solution shows before the reader asks for it"
        solutions.first.locator("summary").click()
        code.wait_for(state="visible")
        assert "residual bend" in solutions.first.inner_text()  # its executed output comes with it
        link = page.locator("article a[href$='regression.ipynb']")
        assert link.count() == 1
        response = page.request.get(server + "labs/regression/regression.ipynb")
        assert response.ok and response.json()["nbformat"] == 4
    finally:
        visit.close()


def test_search_finds_a_chapter_by_a_word_from_its_body(chromium, server):
    visit = Visit(chromium, server)
    try:
        page = visit.page
        page.locator("input.md-search__input").click()
        page.keyboard.type("backpropagation", delay=20)  # key by key, as a reader types
        hit = page.locator(".md-search-result__item a[href*='learning/autograd']").first
        hit.wait_for(timeout=15000)
        assert hit.count() == 1
    finally:
        visit.close()


def test_dark_mode_toggles(chromium, server):
    visit = Visit(chromium, server + "foundations/tensors/")
    try:
        page = visit.page
        assert page.get_attribute("body", "data-md-color-scheme") == "default"
        page.locator("form[data-md-component=palette] label:visible").first.click()
        page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    finally:
        visit.close()


def test_instant_navigation_keeps_the_page_alive(chromium, server):
    visit = Visit(chromium, server + "foundations/tensors/")
    try:
        page = visit.page
        page.evaluate("window.__stillHere = 42")
        page.locator("a.md-footer__link--next").click()
        page.wait_for_url("**/learning/linear-model/")
        page.wait_for_selector("article h1")
        assert page.evaluate("window.__stillHere") == 42  # no full reload: instant loading swapped the content
    finally:
        visit.close()


@pytest.mark.parametrize("path", CHAPTERS + LABS)
def test_phone_layout_does_not_overflow_and_screenshots(chromium, server, path):
    phone = desktop_view(chromium, server, path)["phone"]
    assert phone["width"] <= PHONE["width"], f"{path} is {phone['width']}px wide on a {PHONE['width']}px phone"
    assert phone["wide"] == [], f"{path}: elements stick out of the phone viewport: {phone['wide']}"


@pytest.mark.parametrize("path", CHAPTERS)
def test_only_real_output_is_styled_as_output(chromium, server, path):
    """No box labelled "output" holds Python source; each executed block that printed has exactly one output box."""
    seen = desktop_view(chromium, server, path)["outputs"]
    assert seen["sourceAsOutput"] == [], f"{path}: source code styled as output: {seen['sourceAsOutput']}"
    assert seen["outsideBlocks"] == 0, f"{path}: {seen['outsideBlocks']} output boxes outside any executed block"
    wrong = [b for b in seen["blocks"] if b["sourceLabelled"] or b["outs"] != (1 if b["printed"] else 0)]
    assert wrong == [], f"{path}: blocks whose output labelling is wrong: {wrong}"
    assert any(b["printed"] for b in seen["blocks"]), f"{path}: no executed block shows output"


REPO = "https://github.com/torchsteps/torchsteps"


def test_page_furniture_is_plain_links_and_the_version_selector_loads_offline(chromium, server):
    """Edit, snippet-edit and report links go to the repository; versions.json (the plain build's fallback) loads from here."""
    visit = Visit(chromium, server + "foundations/tensors/")
    try:
        page = visit.page
        assert page.get_attribute("[data-edit-page]", "href") == f"{REPO}/edit/main/docs/foundations/tensors.md"
        report = page.get_attribute("[data-report-problem]", "href")
        assert report.startswith(f"{REPO}/issues/new?") and "docs%2Ffoundations%2Ftensors.md" in report and "Build%3A+" in report
        snippets = [a.get_attribute("href") for a in page.locator("[data-edit-snippets] a").all()]
        assert snippets and all(href.startswith(f"{REPO}/edit/main/snippets/tensors/") for href in snippets)
        page.locator(".md-version__current").wait_for(timeout=15000)  # Material's selector, filled from versions.json
        assert page.locator(".md-version__current").text_content().strip().startswith("torch ")
        assert [u for u in visit.requests if u.endswith("/versions.json")], "the version selector did not ask for versions.json"
        assert visit.foreign_requests() == [] and visit.errors == []
        assert page.locator("[data-md-component=outdated] .md-banner").count() == 1  # the outdated banner is there
        assert page.locator("[data-md-component=outdated]").is_hidden()  # and hidden: this is the latest version
    finally:
        visit.close()
