"""The build report: how long each page's code took, and the slowest blocks."""
from __future__ import annotations

import html
import re
import json
import logging
from collections import defaultdict
from pathlib import Path

log = logging.getLogger("mkdocs.hooks.torchsteps")
PLACEHOLDER = '<div id="ts-build-report"></div>'


def summarize(records: list[dict]) -> dict:
    pages = defaultdict(lambda: {"seconds": 0.0, "blocks": 0, "cached": 0})
    for record in records:
        page = pages[record["page"]]
        page["seconds"] += record["seconds"]
        page["blocks"] += 1
        page["cached"] += record["cached"]
    slowest = sorted(records, key=lambda r: r["seconds"], reverse=True)[:10]
    total = sum(r["seconds"] for r in records)
    return {"total_seconds": total, "pages": dict(sorted(pages.items())), "slowest": slowest}


def _table(summary: dict) -> str:
    rows = "".join(
        f"<tr><td>{html.escape(page)}</td><td>{info['blocks']}</td><td>{info['cached']}</td>"
        f'<td class="ts-timing">{info["seconds"]:.2f}</td></tr>'
        for page, info in summary["pages"].items()
    )
    slow = "".join(
        f"<tr><td>{html.escape(r['page'])}</td><td><code>{html.escape(r['first_line'])}</code></td>"
        f'<td class="ts-timing">{r["seconds"]:.2f}</td></tr>'
        for r in summary["slowest"]
    )
    return (
        f'<p>Code on all pages ran for <span class="ts-timing">{summary["total_seconds"]:.1f}</span> s in this build.</p>'
        "<h2>Per page</h2><table><thead><tr><th>page</th><th>blocks</th><th>from cache</th><th>seconds</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
        "<h2>Slowest blocks</h2><table><thead><tr><th>page</th><th>first line</th><th>seconds</th></tr></thead>"
        f"<tbody>{slow}</tbody></table>"
    )


def write(records: list[dict], site_dir: Path, pages: list[Path], cached: bool) -> dict:
    """Print the report, save it as build-report.json, and fill the placeholder in each of ``pages`` (built HTML files)."""
    summary = summarize(records)
    (site_dir / "build-report.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    for page in pages:
        text = page.read_text(encoding="utf-8")
        if PLACEHOLDER not in text:
            raise RuntimeError(f"{page}: the build report placeholder {PLACEHOLDER} is gone from the built page; it cannot be filled")
        page.write_text(text.replace(PLACEHOLDER, _table(summary)), encoding="utf-8")
    lines = [f"Build report: page code ran {summary['total_seconds']:.1f} s (execution cache {'on' if cached else 'off'})"]
    for name, info in summary["pages"].items():
        lines.append(f"  {info['seconds']:7.2f} s  {info['blocks']:3d} blocks ({info['cached']} cached)  {name}")
    log.info("\n".join(lines))
    return summary


_HREF = re.compile(r'<a [^>]*href="(https?://[^"#]+)[^"]*"')


def external_links(site_dir: Path, site_url: str) -> dict[str, list[str]]:
    """Every link that leaves the site, by page. Listed for a person to check; never fetched."""
    found: dict[str, list[str]] = defaultdict(list)
    for page in sorted(site_dir.rglob("*.html")):
        for url in _HREF.findall(page.read_text(encoding="utf-8")):
            if not url.startswith(site_url) and url not in found[page.relative_to(site_dir).as_posix()]:
                found[page.relative_to(site_dir).as_posix()].append(url)
    lines = [f"{url}\t{page}" for page, urls in found.items() for url in urls]
    (site_dir / "external-links.txt").write_text("\n".join(sorted(lines)) + "\n", encoding="utf-8")
    log.info(f"External links: {len({line.split(chr(9))[0] for line in lines})} distinct, listed in external-links.txt (not fetched)")
    return found
