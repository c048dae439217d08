"""TeX on the pages becomes MathML at build time; a formula that would not render fails loudly."""
from __future__ import annotations

import pytest

import mathml


def test_inline_and_display_math_become_mathml():
    page = '<p>Let <span class="arithmatex">\\(x &lt; 1\\)</span>.</p><div class="arithmatex">\\[\\frac{a}{b}\\]</div>'
    out = mathml.render(page)
    assert '<math class="ts-math" alttext="x &lt; 1"' in out and 'display="inline"' in out
    assert '<div class="ts-math-block"><math class="ts-math" alttext="\\frac{a}{b}"' in out and "<mfrac>" in out
    assert "arithmatex" not in out


def test_an_unknown_command_names_the_formula():
    with pytest.raises(ValueError, match=r"uses \\arg, which does not render"):
        mathml.render('<span class="arithmatex">\\(\\arg\\max_k z_k\\)</span>')
