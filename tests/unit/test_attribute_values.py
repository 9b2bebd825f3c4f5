"""What a product's input for one attribute comes to, checked against the attribute's kind."""

import datetime as dt
import re
from typing import Any
from uuid import uuid4

import pytest

from domain.catalog.attribute_values import AttributeValueInput, parse_values
from domain.catalog.attributes import Attribute, AttributeKind
from domain.errors import ErrorCode, UserError

NOW = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
FIELD = "attributes.3"


def attribute(kind: AttributeKind, *choices: str, name: str = "Feature") -> Attribute:
    return Attribute(
        id=uuid4(),
        merchant_id=uuid4(),
        name=name,
        slug=name.lower(),
        kind=kind.value,
        unit=None,
        filterable=False,
        created_at=NOW,
        updated_at=NOW,
        choices=[
            {"id": str(uuid4()), "name": choice.title(), "slug": choice, "color": None}
            for choice in choices
        ],
    )


def strip_scripts(html: str) -> str:
    """A stand-in sanitiser: drops <script> elements, keeps everything else."""
    return re.sub(r"<script>.*?</script>", "", html)


def parse(attr: Attribute, **given: Any) -> list[dict[str, object]]:
    """The stored values, each as the fields it sets."""
    values = parse_values(attr, AttributeValueInput(attr.id, **given), FIELD, strip_scripts)
    return [{k: v for k, v in vars(value).items() if v is not None} for value in values]


def refusal(attr: Attribute, **given: Any) -> tuple[str | None, ErrorCode]:
    with pytest.raises(UserError) as raised:
        parse(attr, **given)
    return raised.value.field, raised.value.code


SIZE = attribute(AttributeKind.SINGLE_SELECT, "s", "m", "l", name="Size")
COLOUR = attribute(AttributeKind.SWATCH, "black", "white", name="Colour")
MATERIAL = attribute(AttributeKind.MULTI_SELECT, "cotton", "linen", "wool", name="Material")


def choice_id(attr: Attribute, slug: str) -> object:
    found = attr.choice_by_slug(slug)
    assert found is not None
    return found.id


# --- the field a kind takes --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "given", "wrong"),
    [
        (AttributeKind.SINGLE_SELECT, {"number": "2"}, "number"),
        (AttributeKind.MULTI_SELECT, {"text": "cotton"}, "text"),
        (AttributeKind.SWATCH, {"boolean": True}, "boolean"),
        (AttributeKind.TEXT, {"choices": ["a"]}, "choices"),
        (AttributeKind.RICH_TEXT, {"number": "1"}, "number"),
        (AttributeKind.NUMBER, {"text": "2.5"}, "text"),
        (AttributeKind.BOOLEAN, {"text": "yes"}, "text"),
        (AttributeKind.DATE, {"text": "2026-01-01"}, "text"),
    ],
)
def test_a_value_in_a_field_the_kind_does_not_take_is_refused_naming_that_field(
    kind: AttributeKind, given: dict[str, Any], wrong: str
) -> None:
    assert refusal(attribute(kind, "a"), **given) == (f"{FIELD}.{wrong}", ErrorCode.INVALID)


@pytest.mark.parametrize("kind", list(AttributeKind))
def test_nothing_given_clears_the_value(kind: AttributeKind) -> None:
    assert parse(attribute(kind, "a")) == []


# --- choices -----------------------------------------------------------------------------------


def test_a_single_select_stores_the_chosen_choice_by_id() -> None:
    assert parse(SIZE, choices=["m"]) == [{"choice_id": choice_id(SIZE, "m")}]


def test_choice_slugs_are_matched_ignoring_case_and_spaces() -> None:
    assert parse(COLOUR, choices=[" Black "]) == [{"choice_id": choice_id(COLOUR, "black")}]


def test_a_multi_select_stores_one_value_per_choice_in_the_order_given() -> None:
    assert parse(MATERIAL, choices=["wool", "cotton"]) == [
        {"choice_id": choice_id(MATERIAL, "wool")},
        {"choice_id": choice_id(MATERIAL, "cotton")},
    ]


def test_a_choice_given_twice_is_stored_once() -> None:
    assert parse(MATERIAL, choices=["wool", "Wool", "wool"]) == [
        {"choice_id": choice_id(MATERIAL, "wool")}
    ]


@pytest.mark.parametrize("attr", [SIZE, COLOUR], ids=["single select", "swatch"])
def test_a_single_choice_kind_takes_one_choice(attr: Attribute) -> None:
    slugs = [choice.slug for choice in attr.choice_list[:2]]
    assert refusal(attr, choices=slugs) == (f"{FIELD}.choices", ErrorCode.INVALID)


def test_an_unknown_choice_is_not_found() -> None:
    assert refusal(SIZE, choices=["xxl"]) == (f"{FIELD}.choices", ErrorCode.NOT_FOUND)
    assert refusal(MATERIAL, choices=["cotton", "silk"]) == (
        f"{FIELD}.choices",
        ErrorCode.NOT_FOUND,
    )


def test_no_choices_clears_a_multi_select() -> None:
    assert parse(MATERIAL, choices=[]) == []


# --- numbers -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("2.50", "2.5"),
        (" 3 ", "3"),
        ("100", "100"),
        ("1e3", "1000"),
        ("-0.250", "-0.25"),
        ("0.000", "0"),
        ("-0", "0"),
        ("999999999999999", "999999999999999"),
        ("1e-20", "0.00000000000000000001"),
        ("0.1000000000000000000000000000000", "0.1"),
    ],
)
def test_a_number_is_stored_in_its_shortest_plain_form(given: str, stored: str) -> None:
    assert parse(attribute(AttributeKind.NUMBER), number=given) == [{"number": stored}]


@pytest.mark.parametrize(
    "given",
    ["two", "", "1,5", "NaN", "Infinity", "-inf", "1e15", "-1000000000000000"],
)
def test_anything_but_a_bounded_decimal_number_is_refused(given: str) -> None:
    assert refusal(attribute(AttributeKind.NUMBER), number=given) == (
        f"{FIELD}.number",
        ErrorCode.INVALID,
    )


@pytest.mark.parametrize(
    "given", ["1e-21", "0.1234567890123456789012", "1e-999999999", "1." + "3" * 60]
)
def test_a_number_with_more_than_twenty_decimal_places_is_refused_not_rounded(
    given: str,
) -> None:
    assert refusal(attribute(AttributeKind.NUMBER), number=given) == (
        f"{FIELD}.number",
        ErrorCode.INVALID,
    )


# --- text --------------------------------------------------------------------------------------


def test_text_is_trimmed_and_not_treated_as_html() -> None:
    given = "  <b>Hand</b> wash only <script>x()</script> "
    assert parse(attribute(AttributeKind.TEXT), text=given) == [
        {"text": "<b>Hand</b> wash only <script>x()</script>"}
    ]


def test_rich_text_goes_through_the_sanitiser() -> None:
    given = "<p>Hand <strong>wash</strong></p><script>steal()</script>"
    assert parse(attribute(AttributeKind.RICH_TEXT), text=given) == [
        {"text": "<p>Hand <strong>wash</strong></p>"}
    ]


@pytest.mark.parametrize(
    ("kind", "given"),
    [
        (AttributeKind.TEXT, "   "),
        (AttributeKind.RICH_TEXT, "<p> </p><script>x()</script>"),
    ],
)
def test_text_without_visible_words_clears_the_value(kind: AttributeKind, given: str) -> None:
    assert parse(attribute(kind), text=given) == []


@pytest.mark.parametrize(
    ("kind", "limit"), [(AttributeKind.TEXT, 1_000), (AttributeKind.RICH_TEXT, 20_000)]
)
def test_text_is_bounded(kind: AttributeKind, limit: int) -> None:
    assert parse(attribute(kind), text="a" * limit) == [{"text": "a" * limit}]
    assert refusal(attribute(kind), text="a" * (limit + 1)) == (
        f"{FIELD}.text",
        ErrorCode.TOO_LONG,
    )


# --- yes/no and dates --------------------------------------------------------------------------


@pytest.mark.parametrize("answer", [True, False])
def test_a_boolean_stores_yes_and_no(answer: bool) -> None:
    assert parse(attribute(AttributeKind.BOOLEAN), boolean=answer) == [{"boolean": answer}]


def test_a_date_is_stored_as_given() -> None:
    day = dt.date(2026, 3, 14)
    assert parse(attribute(AttributeKind.DATE), date=day) == [{"date": day}]
