"""Text as feeds want it: plain, on one line, without characters XML cannot carry, bounded."""

import re
from html.parser import HTMLParser

# Characters XML 1.0 cannot hold at all (not even escaped): C0 controls but tab, newline and
# carriage return, lone surrogates, U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SPACE = re.compile(r"\s+")
_SILENT = frozenset({"script", "style", "template"})
# Tags inside a line of text: they never separate words ("<b>bold</b>er" is one word).
_INLINE = frozenset(
    "a abbr b bdi bdo cite code data del dfn em i ins kbd mark q s samp small span strong sub"
    " sup time u var wbr".split()
)


class _TextCollector(HTMLParser):
    """Collects text, with a space wherever a block tag (a paragraph, a line break, a list
    item...) separated words."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._silent = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SILENT:
            self._silent += 1
        if tag not in _INLINE:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SILENT and self._silent:
            self._silent -= 1
        if tag not in _INLINE:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._silent:
            self.parts.append(data)


def plain_text(html: str) -> str:
    """The words of an HTML fragment: tags dropped, entities decoded, whitespace collapsed."""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    return clean("".join(collector.parts))


def clean(text: str) -> str:
    """One line of text that any XML or CSV consumer accepts."""
    return _SPACE.sub(" ", _NOT_XML.sub("", text)).strip()


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word boundary with an ellipsis when it must be."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if not text[limit - 1].isspace() and " " in cut:  # the cut falls inside a word
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip() + "…"
