"""Segment rules: a saved condition over customer facts, and its pure evaluator.

A rule is a group: `match` ALL or ANY of its conditions and nested groups (at most
MAX_DEPTH deep, MAX_CONDITIONS conditions in all). A condition compares one customer field:

| field          | operators                                    | value                      |
|----------------|----------------------------------------------|----------------------------|
| tag            | contains, not_contains                       | a tag                      |
| tier           | equals, not_equals                           | a tier id                  |
| order_count    | equals, not_equals, greater_than, at_least, less_than, at_most | a whole number |
| total_spent    | equals, greater_than, at_least, less_than, at_most | minor units, with a currency |
| last_order_at  | before, after (an instant); within_days, not_within_days (a number of days) |  |
| country        | equals, not_equals                           | ISO 3166-1 alpha-2 code    |

A customer without orders has no last order: before/after/within_days are false for them and
not_within_days is true. A customer without a default address has no country: equals is false
and not_equals true. An empty ALL group matches everyone, an empty ANY group no one.

Rules are stored as JSON (`rule_to_json` / `rule_from_json`); `build_rule` checks raw input and
names the path of anything wrong (`rule.conditions.2.value`).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any
from uuid import UUID

from domain.countries import validate_country
from domain.errors import UserError
from domain.money import Money, validate_currency

MAX_DEPTH = 3
MAX_CONDITIONS = 50
MAX_DAYS = 36_500


class Match(StrEnum):
    ALL = "all"
    ANY = "any"


class Field(StrEnum):
    TAG = "tag"
    TIER = "tier"
    ORDER_COUNT = "order_count"
    TOTAL_SPENT = "total_spent"
    LAST_ORDER_AT = "last_order_at"
    COUNTRY = "country"


class Op(StrEnum):
    EQUALS = "equals"
    NOT_EQUALS = "not_equals"
    GREATER_THAN = "greater_than"
    AT_LEAST = "at_least"
    LESS_THAN = "less_than"
    AT_MOST = "at_most"
    CONTAINS = "contains"
    NOT_CONTAINS = "not_contains"
    BEFORE = "before"
    AFTER = "after"
    WITHIN_DAYS = "within_days"
    NOT_WITHIN_DAYS = "not_within_days"


_COMPARISONS = {Op.EQUALS, Op.NOT_EQUALS, Op.GREATER_THAN, Op.AT_LEAST, Op.LESS_THAN, Op.AT_MOST}
OPERATORS: dict[Field, frozenset[Op]] = {
    Field.TAG: frozenset({Op.CONTAINS, Op.NOT_CONTAINS}),
    Field.TIER: frozenset({Op.EQUALS, Op.NOT_EQUALS}),
    Field.ORDER_COUNT: frozenset(_COMPARISONS),
    Field.TOTAL_SPENT: frozenset(_COMPARISONS - {Op.NOT_EQUALS}),
    Field.LAST_ORDER_AT: frozenset({Op.BEFORE, Op.AFTER, Op.WITHIN_DAYS, Op.NOT_WITHIN_DAYS}),
    Field.COUNTRY: frozenset({Op.EQUALS, Op.NOT_EQUALS}),
}


@dataclass(frozen=True)
class Condition:
    field: Field
    op: Op
    # Canonical value: tag/tier id/country/ISO instant as text, counts/days/minor units as int.
    value: str | int
    currency: str | None = None


@dataclass(frozen=True)
class Rule:
    match: Match = Match.ALL
    conditions: tuple[Condition, ...] = ()
    groups: tuple["Rule", ...] = ()


@dataclass(frozen=True)
class CustomerFacts:
    """What a rule can see of a customer."""

    tags: frozenset[str] = frozenset()
    tier_id: UUID | None = None
    order_count: int = 0
    total_spent: Mapping[str, int] = field(default_factory=dict)
    last_order_at: datetime | None = None
    country: str | None = None


def _compare(op: Op, actual: int, wanted: int) -> bool:
    return {
        Op.EQUALS: actual == wanted,
        Op.NOT_EQUALS: actual != wanted,
        Op.GREATER_THAN: actual > wanted,
        Op.AT_LEAST: actual >= wanted,
        Op.LESS_THAN: actual < wanted,
        Op.AT_MOST: actual <= wanted,
    }[op]


def _last_order(op: Op, value: str | int, last: datetime | None, now: datetime) -> bool:
    if op is Op.NOT_WITHIN_DAYS:
        return last is None or last < now - timedelta(days=int(value))
    if last is None:
        return False
    if op is Op.WITHIN_DAYS:
        return last >= now - timedelta(days=int(value))
    moment = datetime.fromisoformat(str(value))
    return last < moment if op is Op.BEFORE else last > moment


def condition_holds(condition: Condition, facts: CustomerFacts, now: datetime) -> bool:
    op, value = condition.op, condition.value
    match condition.field:
        case Field.TAG:
            return (value in facts.tags) == (op is Op.CONTAINS)
        case Field.TIER:
            is_it = facts.tier_id is not None and str(facts.tier_id) == value
            return is_it == (op is Op.EQUALS)
        case Field.COUNTRY:
            return (facts.country == value) == (op is Op.EQUALS)
        case Field.ORDER_COUNT:
            return _compare(op, facts.order_count, int(value))
        case Field.TOTAL_SPENT:
            spent = facts.total_spent.get(condition.currency or "", 0)
            return _compare(op, spent, int(value))
        case Field.LAST_ORDER_AT:
            return _last_order(op, value, facts.last_order_at, now)
    raise AssertionError(condition.field)  # pragma: no cover


def matches(rule: Rule, facts: CustomerFacts, now: datetime) -> bool:
    """Whether the customer with these facts is in the segment the rule describes."""
    results = (
        *(condition_holds(c, facts, now) for c in rule.conditions),
        *(matches(group, facts, now) for group in rule.groups),
    )
    return all(results) if rule.match is Match.ALL else any(results)


# --- building from raw input ------------------------------------------------------------------


@dataclass(frozen=True)
class RawCondition:
    """A condition as a client sends it: every value as text."""

    field: str
    op: str
    value: str
    currency: str | None = None


@dataclass(frozen=True)
class RawRule:
    match: str = "all"
    conditions: Sequence[RawCondition] = ()
    groups: Sequence["RawRule"] = ()


def _whole(text: str, path: str, maximum: int) -> int:
    stripped = text.strip()
    if not (stripped.isascii() and stripped.isdigit()) or len(stripped) > 12:
        raise UserError(f"Give a whole number from 0 to {maximum}.", field=path)
    if int(stripped) > maximum:
        raise UserError(f"Give a whole number from 0 to {maximum}.", field=path)
    return int(stripped)


def _instant(text: str, path: str) -> str:
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise UserError("Give an ISO 8601 date or date-time.", field=path) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat()


def _value(raw: RawCondition, kind: Field, op: Op, path: str) -> tuple[str | int, str | None]:
    value_path = f"{path}.value"
    match kind:
        case Field.TAG:
            tag = raw.value.strip().lower()
            if not tag or len(tag) > 64:
                raise UserError("Give a tag of 1 to 64 characters.", field=value_path)
            return tag, None
        case Field.TIER:
            try:
                return str(UUID(raw.value)), None
            except ValueError:
                raise UserError("Give a tier ID.", field=value_path) from None
        case Field.COUNTRY:
            return validate_country(raw.value[:10], field=value_path), None
        case Field.ORDER_COUNT:
            return _whole(raw.value, value_path, 10**9), None
        case Field.TOTAL_SPENT:
            currency = validate_currency((raw.currency or "")[:10], field=f"{path}.currency")
            try:
                amount = Money.parse(raw.value[:40], currency).amount
            except UserError as error:
                raise UserError(error.message, field=value_path) from None
            if amount < 0:
                raise UserError("Give an amount of zero or more.", field=value_path)
            return amount, currency
        case Field.LAST_ORDER_AT:
            if op in (Op.WITHIN_DAYS, Op.NOT_WITHIN_DAYS):
                return _whole(raw.value, value_path, MAX_DAYS), None
            return _instant(raw.value[:40], value_path), None
    raise AssertionError(kind)  # pragma: no cover


def _condition(raw: RawCondition, path: str) -> Condition:
    try:
        kind = Field(raw.field.lower())
    except ValueError:
        raise UserError(f"Unknown field '{raw.field[:40]}'.", field=f"{path}.field") from None
    try:
        op = Op(raw.op.lower())
    except ValueError:
        raise UserError(f"Unknown operator '{raw.op[:40]}'.", field=f"{path}.operator") from None
    if op not in OPERATORS[kind]:
        allowed = ", ".join(sorted(o.value for o in OPERATORS[kind]))
        raise UserError(f"{kind.value} takes: {allowed}.", field=f"{path}.operator")
    value, currency = _value(raw, kind, op, path)
    return Condition(kind, op, value, currency)


def build_rule(raw: RawRule, path: str = "rule") -> Rule:
    """Check and normalise a rule from raw input; errors name the path at fault."""
    if _depth(raw) > MAX_DEPTH:
        raise UserError(f"Nest groups at most {MAX_DEPTH} deep.", field=path)
    if _count(raw) > MAX_CONDITIONS:
        raise UserError(f"At most {MAX_CONDITIONS} conditions.", field=path)
    return _build(raw, path)


def _build(raw: RawRule, path: str) -> Rule:
    try:
        match = Match(raw.match.lower())
    except ValueError:
        raise UserError("Match ALL or ANY.", field=f"{path}.match") from None
    return Rule(
        match,
        tuple(_condition(c, f"{path}.conditions.{i}") for i, c in enumerate(raw.conditions)),
        tuple(_build(g, f"{path}.groups.{i}") for i, g in enumerate(raw.groups)),
    )


def _depth(raw: RawRule) -> int:
    return 1 + max((_depth(group) for group in raw.groups), default=0)


def _count(raw: RawRule) -> int:
    return len(raw.conditions) + sum(_count(group) for group in raw.groups)


def tier_ids(rule: Rule) -> set[UUID]:
    """The tiers a rule names (they must exist when it is saved)."""
    found = {UUID(str(c.value)) for c in rule.conditions if c.field is Field.TIER}
    for group in rule.groups:
        found |= tier_ids(group)
    return found


# --- JSON -------------------------------------------------------------------------------------


def rule_to_json(rule: Rule) -> dict[str, Any]:
    return {
        "match": rule.match.value,
        "conditions": [
            {"field": c.field.value, "op": c.op.value, "value": c.value, "currency": c.currency}
            for c in rule.conditions
        ],
        "groups": [rule_to_json(group) for group in rule.groups],
    }


def rule_from_json(data: Mapping[str, Any]) -> Rule:
    """Read a stored rule (written by `rule_to_json`, so already valid)."""
    return Rule(
        Match(data["match"]),
        tuple(
            Condition(Field(c["field"]), Op(c["op"]), c["value"], c.get("currency"))
            for c in data["conditions"]
        ),
        tuple(rule_from_json(group) for group in data["groups"]),
    )
