"""Two cold builds of a chapter give byte-identical pages, apart from outputs marked as timings."""
from __future__ import annotations

from pathlib import Path

from sitekit import ROOT, build, html_of, make_site, without_timings


def chapter_site(tmp_path: Path) -> Path:
    snippets = {f"tensors/{p.name}": p.read_text() for p in (ROOT / "snippets" / "tensors").glob("*.py")}
    pages = {"index.md": "# Home\n", "tensors.md": (ROOT / "docs" / "foundations" / "tensors.md").read_text()}
    return make_site(tmp_path, pages, snippets)


def test_two_cold_builds_of_a_chapter_are_identical(tmp_path):
    first, second = chapter_site(tmp_path / "one"), chapter_site(tmp_path / "two")
    for site in (first, second):
        result = build(site)
        assert result.returncode == 0, result.stderr
    a, b = without_timings(html_of(first, "tensors.md")), without_timings(html_of(second, "tensors.md"))
    assert "<svg" in a and "tensor(" in a  # the page really holds executed output and a figure
    assert a == b


def test_timing_outputs_are_marked_and_only_they_are_dropped():
    page = '<p>kept</p><div class="ts-timing" data-timing="1"><div><pre>0.123 s</pre></div><!-- /ts-timing --></div><p>also kept</p>'
    assert without_timings(page) == "<p>kept</p><p>also kept</p>"
