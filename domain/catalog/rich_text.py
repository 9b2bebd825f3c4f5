"""Plain text from sanitised HTML, for search and feeds (markup words are not content)."""

from collections.abc import Callable
from html.parser import HTMLParser

# Turns untrusted HTML into safe HTML; the server supplies it (domain code imports no parser).
HtmlSanitizer = Callable[[str], str]

_BREAKS = {"p", "br", "li", "h2", "h3", "h4", "tr", "td", "th", "blockquote", "pre", "hr"}


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BREAKS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BREAKS:
            self.parts.append(" ")


def plain_text(html: str) -> str:
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    return " ".join("".join(collector.parts).split())
