"""Turn the TeX that arithmatex leaves in a page into MathML, which browsers draw with no script or web font."""
from __future__ import annotations

import html
import re

from latex2mathml.converter import convert

_BLOCK = re.compile(r'<div class="arithmatex">\\\[(?P<tex>.*?)\\\]</div>', re.S)
_UNKNOWN = re.compile(r">(\\[A-Za-z]+)<")
_INLINE = re.compile(r'<span class="arithmatex">\\\((?P<tex>.*?)\\\)</span>', re.S)


def _convert(tex: str, display: str) -> str:
    source = html.unescape(tex).strip()
    try:
        rendered = convert(source, display=display)
    except Exception as error:  # latex2mathml raises many types; name the formula either way
        raise ValueError(f"cannot render the formula {source!r}: {error}") from error
    unknown = _UNKNOWN.findall(rendered)
    if unknown:  # latex2mathml passes commands it does not know through as text; a reader would see "\\arg"
        raise ValueError(f"the formula {source!r} uses {', '.join(sorted(set(unknown)))}, which does not render; write it another way")
    return rendered.replace("<math ", f'<math class="ts-math" alttext="{html.escape(source)}" ', 1)


def render(page_html: str) -> str:
    page_html = _BLOCK.sub(lambda m: f'<div class="ts-math-block">{_convert(m["tex"], "block")}</div>', page_html)
    return _INLINE.sub(lambda m: _convert(m["tex"], "inline"), page_html)


# Rendered Markdown that kept its TeX between dollars, as nbconvert leaves a notebook's for MathJax.
_DOLLAR_BLOCK = re.compile(r"<p>\s*\$\$(?P<tex>.+?)\$\$\s*</p>", re.S)
_DOLLAR_INLINE = re.compile(r"(?<![\\$])\$(?!\$)(?P<tex>[^$<]+?)(?<!\\)\$")
_CODE = re.compile(r"(<code\b.*?</code>)", re.S)


def render_dollars(fragment: str) -> str:
    """``$$ ... $$`` (a paragraph of its own) and ``$ ... $`` in rendered Markdown as MathML; code spans are left alone."""
    fragment = _DOLLAR_BLOCK.sub(lambda m: f'<div class="ts-math-block">{_convert(m["tex"], "block")}</div>', fragment)
    parts = _CODE.split(fragment)
    return "".join(part if i % 2 else _DOLLAR_INLINE.sub(lambda m: _convert(m["tex"], "inline"), part) for i, part in enumerate(parts))
