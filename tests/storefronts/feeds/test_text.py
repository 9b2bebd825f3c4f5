"""Descriptions reach the feeds as plain text on one line that XML and CSV can carry."""

from storefronts.feeds.text import clean, plain_text, shorten


def test_html_becomes_its_words() -> None:
    html = (
        "<p>Holds 350&nbsp;ml of <strong>hot</strong> coffee.</p>"
        "<ul><li>Dishwasher safe</li><li>5 &lt; 6 &amp; &quot;fine&quot;</li></ul>"
    )
    assert plain_text(html) == 'Holds 350 ml of hot coffee. Dishwasher safe 5 < 6 & "fine"'


def test_inline_tags_do_not_split_words_and_block_tags_do() -> None:
    assert plain_text("<b>Bold</b>er<br>next<p>para</p>graph") == "Bolder next para graph"


def test_scripts_and_styles_say_nothing() -> None:
    assert plain_text("<style>p{}</style>Soft<script>alert(1)</script> wool") == "Soft wool"


def test_characters_xml_cannot_carry_are_dropped() -> None:
    assert clean("Tab\there,\x00 bell\x07 and\x1b escape \ufffe") == "Tab here, bell and escape"


def test_long_text_is_cut_at_a_word_with_an_ellipsis() -> None:
    assert shorten("Alpine wool sweater", 12) == "Alpine wool…"
    assert shorten("Alpine wool sweater", 19) == "Alpine wool sweater"
    assert len(shorten("x" * 200, 150)) == 150
