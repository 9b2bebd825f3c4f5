"""A barcode goes into a feed as a GTIN only when it is one: the right length and check digit."""

import pytest

from storefronts.feeds.gtin import gtin


@pytest.mark.parametrize(
    ("barcode", "expected"),
    [
        ("4006381333931", "4006381333931"),  # EAN-13
        ("036000291452", "036000291452"),  # UPC-A
        ("96385074", "96385074"),  # GTIN-8
        ("10012345678902", "10012345678902"),  # GTIN-14
        ("400-6381 333931", "4006381333931"),  # as printed, with a hyphen and a space
    ],
)
def test_a_valid_gtin_is_kept_as_digits(barcode: str, expected: str) -> None:
    assert gtin(barcode) == expected


@pytest.mark.parametrize(
    "barcode",
    [
        None,
        "",
        "4006381333932",  # wrong check digit
        "400638133393",  # 12 digits, so a UPC-A, whose check digit is then wrong
        "40063813339310",  # 14 digits, wrong check digit
        "12345",  # no GTIN has 5 digits
        "ABC-1234567",  # a SKU, not a barcode
        "٤٠٠٦٣٨١٣٣٣٩٣١",  # Arabic-Indic digits: str.isdigit, but no barcode scanner's
        "00000000",  # all zeros add up, but is no product's code
    ],
)
def test_anything_else_is_left_out(barcode: str | None) -> None:
    assert gtin(barcode) is None
