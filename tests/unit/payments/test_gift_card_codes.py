"""Gift card codes: unguessable, unambiguous, and read back however a person types them."""

import pytest

from domain.errors import UserError
from domain.payments.gift_card_codes import (
    ALPHABET,
    code_digest,
    generate_code,
    masked,
    normalize_code,
    normalize_last4,
)


def test_a_code_is_four_groups_of_four_from_an_alphabet_without_look_alikes() -> None:
    code = generate_code()
    groups = code.split("-")
    assert [len(group) for group in groups] == [4, 4, 4, 4]
    assert set("".join(groups)) <= set(ALPHABET)
    assert not set("ILOU") & set(ALPHABET)
    assert len(ALPHABET) == 32  # 16 characters: 80 random bits


def test_a_code_reads_the_same_in_any_case_with_or_without_separators() -> None:
    code = "7K2M-9QXW-HT4R-0B1Z"
    stored = normalize_code(code)
    assert stored == "7K2M9QXWHT4R0B1Z"
    for typed in ("7k2m-9qxw-ht4r-0b1z", "7K2M9QXWHT4R0B1Z", " 7k2m 9qxw ht4r 0b1z "):
        assert normalize_code(typed) == stored


def test_letters_that_look_like_digits_are_read_as_those_digits() -> None:
    assert normalize_code("7K2M-9QXW-HT4R-OBIZ") == normalize_code("7K2M-9QXW-HT4R-0B1Z")
    assert normalize_code("7K2M-9QXW-HT4R-0BLZ") == normalize_code("7K2M-9QXW-HT4R-0B1Z")


def test_what_cannot_be_a_code_is_not_one() -> None:
    for typed in (
        "",
        "7K2M-9QXW-HT4R",
        "7K2M-9QXW-HT4R-0B1Z-AAAA",
        "7K2M-9QXW-HT4R-0B1U",
        "x" * 10_000,
    ):
        assert normalize_code(typed) is None


def test_only_a_digest_of_the_normalised_code_is_kept() -> None:
    digest = code_digest("7K2M9QXWHT4R0B1Z")
    assert len(digest) == 64 and "7K2M" not in digest
    assert digest == code_digest(normalize_code("7k2m-9qxw-ht4r-0b1z") or "")


def test_after_issue_a_code_shows_as_its_last_4() -> None:
    assert masked("0B1Z") == "****-****-****-0B1Z"
    assert normalize_last4("0b1z", field="last4") == "0B1Z"
    assert normalize_last4("obiz", field="last4") == "0B1Z"
    with pytest.raises(UserError):
        normalize_last4("", field="last4")
    with pytest.raises(UserError):
        normalize_last4("ABCDE", field="last4")
