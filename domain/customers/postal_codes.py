"""Postal code shapes per country (ISO 3166-1 alpha-2), checked after normalising.

Normalising upper-cases and collapses spaces. Countries listed here must match their shape;
countries with postal codes not listed get a loose check (letters, digits, spaces, hyphens);
countries without postal codes accept an empty one.
"""

import re

_SHAPES = {
    # The demo's countries
    "US": r"\d{5}(-\d{4})?",
    "CA": r"[ABCEGHJ-NPRSTVXY]\d[A-Z] ?\d[A-Z]\d",
    "GB": r"(GIR ?0AA|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})",
    "DE": r"\d{5}",
    "FR": r"\d{5}",
    "NL": r"[1-9]\d{3} ?[A-Z]{2}",
    # The rest of the European Union
    "AT": r"\d{4}",
    "BE": r"\d{4}",
    "BG": r"\d{4}",
    "HR": r"\d{5}",
    "CY": r"\d{4}",
    "CZ": r"\d{3} ?\d{2}",
    "DK": r"\d{4}",
    "EE": r"\d{5}",
    "FI": r"\d{5}",
    "GR": r"\d{3} ?\d{2}",
    "HU": r"\d{4}",
    "IE": r"[AC-FHKNPRTV-Y]\d{2}|D6W ?[0-9AC-FHKNPRTV-Y]{4}|[AC-FHKNPRTV-Y]\d{2} ?[0-9AC-FHKNPRTV-Y]{4}",
    "IT": r"\d{5}",
    "LV": r"(LV-)?\d{4}",
    "LT": r"(LT-)?\d{5}",
    "LU": r"(L-)?\d{4}",
    "MT": r"[A-Z]{3} ?\d{2,4}",
    "PL": r"\d{2}-\d{3}",
    "PT": r"\d{4}-\d{3}",
    "RO": r"\d{6}",
    "SK": r"\d{3} ?\d{2}",
    "SI": r"\d{4}",
    "ES": r"\d{5}",
    "SE": r"\d{3} ?\d{2}",
    # A few neighbours that are cheap to get right
    "CH": r"\d{4}",
    "NO": r"\d{4}",
    "AU": r"\d{4}",
}
SHAPES: dict[str, re.Pattern[str]] = {
    country: re.compile(f"(?:{shape})") for country, shape in _SHAPES.items()
}
# Countries that do not use postal codes (a common subset).
WITHOUT_POSTAL_CODES = frozenset(
    "AE AG AO AW BF BI BJ BO BS BW BZ CD CF CG CI CK CM DJ DM ER FJ GA GD GH GM GQ GY HK "
    "KI KM KN KP LY ML MR MW NR NU QA RW SB SC SL SO SR SS ST SY TD TF TG TK TL TO TV UG VU "
    "YE ZW".split()
)
_LOOSE = re.compile(r"[A-Z0-9][A-Z0-9 -]{0,14}")


def normalize_postal_code(value: str) -> str:
    return " ".join(value.upper().split())


def postal_code_fits(country: str, code: str) -> bool:
    """Whether a normalised code has the country's shape (empty only where none are used)."""
    if not code:
        return country in WITHOUT_POSTAL_CODES
    shape = SHAPES.get(country)
    if shape is not None:
        return shape.fullmatch(code) is not None
    return _LOOSE.fullmatch(code) is not None
