"""The nesting guard's fast path (``_within_depth``) clears a page only when the full pass
(``_flatten``) would leave it as it is: same tokens, same stack model, on hostile tag soup."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from newsdesk.extract.guards import _flatten, _within_depth, flatten_nesting

# Tokens chosen to hit every branch of the model: stray and priority-blocked end tags, document
# roots, void and self-closed tags, same-name siblings, raw text and comments hiding tags
# (closed, unclosed, odd case), CDATA and declarations, and a lone "<".
_TOKENS = [
    "<div>",
    "</div>",
    "<span>",
    "</span>",
    "<b>",
    "</b>",
    "<p>",
    "</p>",
    "<li>",
    "<td>",
    "</td>",
    "<tr>",
    "</tr>",
    "<table>",
    "</table>",
    "</html>",
    "</body>",
    "<body>",
    "<br>",
    "<img src=x>",
    "<span/>",
    "<div />",
    "<a href='/'>",
    "</a>",
    "<script>",
    "</script>",
    "<SCRIPT type=x>",
    "</Script >",
    "<style>",
    "<textarea>",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "<!doctype html>",
    "<?xml?>",
    "<",
    ">",
    "text",
    "<div",
    "<scriptx>",
    "<script/>",
    "<xmp>",
    "</xmp>",
    "<P>",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    tokens=st.lists(st.sampled_from(_TOKENS), max_size=120),
    depth=st.integers(1, 12),
)
def test_fast_path_agrees_with_the_full_pass(tokens: list[str], depth: int) -> None:
    page = "".join(tokens)
    assert _within_depth(page, depth) == (_flatten(page, depth, None) is page)
    assert flatten_nesting(page, depth) == _flatten(page, depth, None)


def test_stray_end_tags_between_deep_opens_do_not_fool_the_fast_path() -> None:
    # Every </span> is stray (no span is open) and every </b> is blocked by the div above it:
    # a counter that subtracted end tags would see depth 0 here, the real depth is 400.
    page = "<div><b>" + "<div></span></b>" * 400 + "words" + "</div>" * 400
    assert not _within_depth(page, 180)
    flattened = flatten_nesting(page, 180)
    assert flattened is not page
    tree = lxml_html.fromstring(flattened)
    # 180 modelled levels plus the html and body the parser wraps around them, under libxml2's 255
    assert max(len(list(node.iterancestors())) for node in tree.iter()) <= 182
    assert "words" in tree.text_content()


def test_tags_inside_scripts_and_comments_count_for_nothing() -> None:
    hidden = "<div>" * 50
    page = f"<script>var s = '{hidden}';</script><!-- {hidden} --><textarea>{hidden}</TEXTAREA>"
    assert _within_depth(page + "<div>" * 9, 10)
    assert not _within_depth(page + "<div>" * 11, 10)
