"""Address validation: required fields, country codes, postal code shapes."""

import pytest

from domain.customers.addresses import validate_address
from domain.customers.postal_codes import SHAPES, postal_code_fits
from domain.errors import UserError

BASE = {
    "first_name": "Ada",
    "last_name": "Lovelace",
    "street_line1": "1 Main St",
    "city": "Springfield",
    "country": "DE",
    "postal_code": "10117",
}
EU = "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split()


def test_the_demo_countries_and_the_whole_eu_have_a_postal_code_shape() -> None:
    assert {"US", "CA", "GB", *EU} <= set(SHAPES)


@pytest.mark.parametrize(
    ("country", "good", "bad"),
    [
        ("US", ["12345", "12345-6789"], ["1234", "123456", "ABCDE", "12345-67"]),
        ("CA", ["K1A 0B1", "K1A0B1"], ["D1A 0B1", "K1A 0B", "12345"]),
        (
            "GB",
            ["SW1A 1AA", "M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT", "GIR 0AA"],
            ["12345", "SW1A"],
        ),
        ("DE", ["10117"], ["1011", "101177"]),
        ("FR", ["75008"], ["7500", "75 008"]),
        ("NL", ["1012 JS", "1012JS"], ["0123 AB", "1012 J", "10123"]),
        ("PL", ["00-950"], ["00950"]),
        ("PT", ["1000-001"], ["1000"]),
        ("SE", ["114 55", "11455"], ["1145"]),
        ("LU", ["L-1234", "1234"], ["L1234"]),
    ],
)
def test_postal_code_shapes(country: str, good: list[str], bad: list[str]) -> None:
    assert all(postal_code_fits(country, code) for code in good)
    assert not any(postal_code_fits(country, code) for code in bad)


def test_countries_without_postal_codes_accept_none_and_others_require_one() -> None:
    assert postal_code_fits("AE", "")
    assert not postal_code_fits("DE", "")
    assert postal_code_fits("JP", "100-0001")  # no shape listed: a loose check
    assert not postal_code_fits("JP", "<script>")


def test_a_valid_address_is_normalised() -> None:
    address = validate_address({**BASE, "country": " nl ", "postal_code": " 1012  js "})
    assert address["country"] == "NL" and address["postal_code"] == "1012 JS"
    assert address["company"] == "" and address["region"] == ""


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"first_name": ""}, "address.firstName"),
        ({"street_line1": None}, "address.streetLine1"),
        ({"country": "DEU"}, "address.country"),
        ({"country": "US", "postal_code": "12345"}, "address.region"),
        ({"postal_code": "ABC"}, "address.postalCode"),
        ({"phone": "x" * 33}, "address.phone"),
    ],
)
def test_errors_name_the_field(changes: dict[str, str | None], field: str) -> None:
    values = {k: v for k, v in {**BASE, **changes}.items() if v is not None}
    with pytest.raises(UserError) as raised:
        validate_address(values)
    assert raised.value.field == field
