"""GTINs (GTIN-8, UPC-A, EAN-13, GTIN-14): a barcode is one only if its check digit adds up.

Feeds reject or flag an item with a wrong GTIN, so a barcode that is not a valid GTIN is left
out rather than sent.
"""

GTIN_LENGTHS = frozenset({8, 12, 13, 14})


def gtin(barcode: str | None) -> str | None:
    """The barcode as a GTIN (spaces and hyphens dropped), or None when it is not a valid one."""
    if barcode is None:
        return None
    digits = barcode.replace(" ", "").replace("-", "")
    if len(digits) not in GTIN_LENGTHS or not (digits.isascii() and digits.isdigit()):
        return None
    if set(digits) == {"0"} or check_digit(digits[:-1]) != int(digits[-1]):
        return None
    return digits


def check_digit(body: str) -> int:
    """GS1's mod-10 check digit: weights 3 and 1 alternate from the rightmost digit."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10
