"""Identifiers sort by creation; text input is trimmed, bounded and checked."""

import time

import pytest

from domain.errors import ErrorCode, UserError
from domain.ids import new_id
from domain.validation import normalize_email, require_text, slugify, validate_slug


def test_ids_are_version_7_and_sort_by_creation_time() -> None:
    first = new_id()
    time.sleep(0.002)
    second = new_id()
    assert first.version == 7 and second.version == 7
    assert first < second


def test_required_text_is_trimmed_and_bounded() -> None:
    assert require_text("  Shop  ", field="name") == "Shop"
    with pytest.raises(UserError) as empty:
        require_text("   ", field="name")
    assert empty.value.code == ErrorCode.REQUIRED and empty.value.field == "name"
    with pytest.raises(UserError) as long:
        require_text("x" * 11, field="name", max_length=10)
    assert long.value.code == ErrorCode.TOO_LONG
    with pytest.raises(UserError):
        require_text("bad\x00name", field="name")


def test_emails_are_normalised_and_checked() -> None:
    assert normalize_email(" Owner@Example.COM ") == "owner@example.com"
    for bad in ("owner", "owner@", "@example.com", "a b@example.com", "owner@example"):
        with pytest.raises(UserError):
            normalize_email(bad)


def test_slugs_are_made_from_names_and_validated() -> None:
    assert slugify("Café Crème & Co.") == "cafe-creme-co"
    assert validate_slug("my-shop") == "my-shop"
    with pytest.raises(UserError):
        validate_slug("My Shop!")


def test_ids_made_in_the_same_millisecond_still_increase() -> None:
    ids = [new_id() for _ in range(5000)]
    assert ids == sorted(ids)
    assert len(set(ids)) == len(ids)
    assert all(i.version == 7 and i.variant == "specified in RFC 4122" for i in ids)
