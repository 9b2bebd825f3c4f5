"""Search reads the words of a description, not its markup."""

from domain.catalog.rich_text import plain_text


def test_markup_is_dropped_and_words_are_kept_apart() -> None:
    html = "<p>Light <strong>trail</strong> shoe.</p><ul><li>Grippy</li><li>Fast</li></ul>"
    assert plain_text(html) == "Light trail shoe. Grippy Fast"


def test_attributes_and_entities_are_not_words() -> None:
    html = '<p><a href="https://example.com/strong" title="x">Fish &amp; chips</a></p>'
    assert plain_text(html) == "Fish & chips"
