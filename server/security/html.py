"""Rich text from merchants, cleaned to a safe subset of HTML (no scripts, handlers or styles)."""

import nh3

_TAGS = {
    "p",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "ul",
    "ol",
    "li",
    "blockquote",
    "h2",
    "h3",
    "h4",
    "a",
    "code",
    "pre",
    "hr",
    "span",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}
MAX_HTML_LENGTH = 100_000


def sanitize_html(html: str) -> str:
    """Keep formatting, drop anything executable; links get rel="noopener noreferrer"."""
    return nh3.clean(
        html[:MAX_HTML_LENGTH],
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
