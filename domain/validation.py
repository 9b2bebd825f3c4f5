"""Checks for plain text input shared by every area: names, emails, slugs."""

import re
import unicodedata
from collections.abc import Iterable, Mapping

from domain.errors import ErrorCode, UserError

_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,255}\.[^@\s.]{2,63}$")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def require_text(value: str | None, *, field: str, max_length: int = 255) -> str:
    """Trimmed, non-empty, bounded, free of control characters."""
    text = (value or "").strip()
    if not text:
        raise UserError("This field is required.", field=field, code=ErrorCode.REQUIRED)
    if len(text) > max_length:
        raise UserError(f"At most {max_length} characters.", field=field, code=ErrorCode.TOO_LONG)
    if any(unicodedata.category(ch) == "Cc" for ch in text):
        raise UserError("Control characters are not allowed.", field=field)
    return text


def normalize_email(value: str | None, *, field: str = "email") -> str:
    email = require_text(value, field=field, max_length=254).lower()
    if not _EMAIL.match(email):
        raise UserError(f"'{email}' is not a valid email address.", field=field)
    return email


MAX_TAGS = 50
MAX_METADATA_KEYS = 100


def validate_tags(tags: Iterable[str], *, field: str = "tags") -> list[str]:
    """Free labels: trimmed, lower-case, de-duplicated and sorted, at most MAX_TAGS."""
    cleaned = sorted({require_text(tag, field=field, max_length=64).lower() for tag in tags})
    if len(cleaned) > MAX_TAGS:
        raise UserError(f"At most {MAX_TAGS} tags.", field=field)
    return cleaned


def validate_metadata(values: Mapping[str, str], field: str) -> dict[str, str]:
    """Key-values for integrations: bounded keys, values cut at 2000 characters."""
    if len(values) > MAX_METADATA_KEYS:
        raise UserError(f"At most {MAX_METADATA_KEYS} keys.", field=field)
    result = {}
    for key, value in values.items():
        result[require_text(key, field=field, max_length=100)] = value[:2000]
    return result


def camel_case(name: str) -> str:
    """The API's name for a Python name: "seo_title" -> "seoTitle"."""
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:63]


def validate_slug(value: str, *, field: str = "slug") -> str:
    slug = require_text(value, field=field, max_length=63).lower()
    if not _SLUG.match(slug):
        raise UserError("Use lower-case letters, digits and single hyphens.", field=field)
    return slug
