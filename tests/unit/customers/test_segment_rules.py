"""Segment rules: the pure evaluator, the checks on raw input, and the JSON round trip."""

from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest

from domain.customers.segment_rules import (
    Condition,
    CustomerFacts,
    Field,
    Match,
    Op,
    RawCondition,
    RawRule,
    Rule,
    build_rule,
    matches,
    rule_from_json,
    rule_to_json,
)
from domain.errors import UserError

NOW = datetime(2026, 6, 1, tzinfo=UTC)
GOLD = uuid4()


def one(field: Field, op: Op, value: str | int, currency: str | None = None) -> Rule:
    return Rule(Match.ALL, (Condition(field, op, value, currency),))


VIP = CustomerFacts(
    tags=frozenset({"vip", "b2b"}),
    tier_id=GOLD,
    order_count=4,
    total_spent={"EUR": 120_00, "USD": 5_00},
    last_order_at=NOW - timedelta(days=10),
    country="FR",
)
NEWCOMER = CustomerFacts()


@pytest.mark.parametrize(
    ("rule", "vip", "newcomer"),
    [
        (one(Field.TAG, Op.CONTAINS, "vip"), True, False),
        (one(Field.TAG, Op.NOT_CONTAINS, "vip"), False, True),
        (one(Field.TIER, Op.EQUALS, str(GOLD)), True, False),
        (one(Field.TIER, Op.NOT_EQUALS, str(GOLD)), False, True),
        (one(Field.ORDER_COUNT, Op.EQUALS, 4), True, False),
        (one(Field.ORDER_COUNT, Op.NOT_EQUALS, 4), False, True),
        (one(Field.ORDER_COUNT, Op.GREATER_THAN, 3), True, False),
        (one(Field.ORDER_COUNT, Op.AT_LEAST, 4), True, False),
        (one(Field.ORDER_COUNT, Op.LESS_THAN, 4), False, True),
        (one(Field.ORDER_COUNT, Op.AT_MOST, 0), False, True),
        (one(Field.TOTAL_SPENT, Op.AT_LEAST, 120_00, "EUR"), True, False),
        (one(Field.TOTAL_SPENT, Op.GREATER_THAN, 120_00, "EUR"), False, False),
        (one(Field.TOTAL_SPENT, Op.AT_LEAST, 6_00, "USD"), False, False),
        (one(Field.TOTAL_SPENT, Op.LESS_THAN, 1, "JPY"), True, True),
        (one(Field.TOTAL_SPENT, Op.EQUALS, 0, "EUR"), False, True),
        (one(Field.LAST_ORDER_AT, Op.WITHIN_DAYS, 30), True, False),
        (one(Field.LAST_ORDER_AT, Op.WITHIN_DAYS, 9), False, False),
        (one(Field.LAST_ORDER_AT, Op.NOT_WITHIN_DAYS, 30), False, True),
        (one(Field.LAST_ORDER_AT, Op.NOT_WITHIN_DAYS, 9), True, True),
        (one(Field.LAST_ORDER_AT, Op.AFTER, (NOW - timedelta(days=11)).isoformat()), True, False),
        (one(Field.LAST_ORDER_AT, Op.BEFORE, (NOW - timedelta(days=11)).isoformat()), False, False),
        (one(Field.COUNTRY, Op.EQUALS, "FR"), True, False),
        (one(Field.COUNTRY, Op.NOT_EQUALS, "FR"), False, True),
        (Rule(Match.ALL), True, True),
        (Rule(Match.ANY), False, False),
    ],
)
def test_each_condition_means_what_it_says(rule: Rule, vip: bool, newcomer: bool) -> None:
    assert matches(rule, VIP, NOW) is vip
    assert matches(rule, NEWCOMER, NOW) is newcomer


def test_groups_combine_all_and_any() -> None:
    french = Condition(Field.COUNTRY, Op.EQUALS, "FR")
    big = Condition(Field.TOTAL_SPENT, Op.AT_LEAST, 1000_00, "EUR")
    tagged = Condition(Field.TAG, Op.CONTAINS, "vip")
    rule = Rule(Match.ALL, (french,), (Rule(Match.ANY, (big, tagged)),))
    assert matches(rule, VIP, NOW) is True
    assert matches(rule, CustomerFacts(country="FR", tags=frozenset({"other"})), NOW) is False
    assert matches(rule, CustomerFacts(country="DE", tags=frozenset({"vip"})), NOW) is False


def raw(*conditions: RawCondition, match: str = "all", groups: tuple[RawRule, ...] = ()) -> RawRule:
    return RawRule(match, conditions, groups)


def test_raw_input_is_normalised() -> None:
    rule = build_rule(
        raw(
            RawCondition("TAG", "CONTAINS", "  VIP "),
            RawCondition("country", "equals", "fr"),
            RawCondition("total_spent", "at_least", "12.50", "eur"),
            RawCondition("last_order_at", "before", "2026-01-01"),
            RawCondition("last_order_at", "within_days", " 30 "),
            match="ANY",
        )
    )
    assert rule.match is Match.ANY
    assert [(c.value, c.currency) for c in rule.conditions] == [
        ("vip", None),
        ("FR", None),
        (1250, "EUR"),
        ("2026-01-01T00:00:00+00:00", None),
        (30, None),
    ]


@pytest.mark.parametrize(
    ("condition", "path"),
    [
        (RawCondition("shoe_size", "equals", "42"), "rule.conditions.0.field"),
        (RawCondition("tag", "bigger", "x"), "rule.conditions.0.operator"),
        (RawCondition("tag", "at_least", "x"), "rule.conditions.0.operator"),
        (RawCondition("tag", "contains", ""), "rule.conditions.0.value"),
        (RawCondition("tag", "contains", "x" * 65), "rule.conditions.0.value"),
        (RawCondition("tier", "equals", "gold"), "rule.conditions.0.value"),
        (RawCondition("order_count", "at_least", "-1"), "rule.conditions.0.value"),
        (RawCondition("order_count", "at_least", "9" * 40), "rule.conditions.0.value"),
        (RawCondition("order_count", "at_least", "²"), "rule.conditions.0.value"),
        (RawCondition("total_spent", "at_least", "1"), "rule.conditions.0.currency"),
        (RawCondition("total_spent", "at_least", "1.001", "EUR"), "rule.conditions.0.value"),
        (RawCondition("total_spent", "at_least", "-5", "EUR"), "rule.conditions.0.value"),
        (RawCondition("total_spent", "at_least", "1e99999", "EUR"), "rule.conditions.0.value"),
        (RawCondition("total_spent", "not_equals", "5", "EUR"), "rule.conditions.0.operator"),
        (RawCondition("last_order_at", "before", "soon"), "rule.conditions.0.value"),
        (RawCondition("last_order_at", "within_days", "99999"), "rule.conditions.0.value"),
        (RawCondition("country", "equals", "XX"), "rule.conditions.0.value"),
    ],
)
def test_bad_conditions_name_their_path(condition: RawCondition, path: str) -> None:
    with pytest.raises(UserError) as raised:
        build_rule(raw(condition))
    assert raised.value.field == path


def test_a_bad_condition_in_a_nested_group_names_its_full_path() -> None:
    inner = raw(RawCondition("tag", "contains", "a"), RawCondition("country", "equals", "??"))
    with pytest.raises(UserError) as raised:
        build_rule(raw(groups=(inner,)))
    assert raised.value.field == "rule.groups.0.conditions.1.value"


def test_rules_are_bounded_in_depth_and_size() -> None:
    deep = raw()
    for _ in range(3):
        deep = raw(groups=(deep,))
    with pytest.raises(UserError, match="deep"):
        build_rule(deep)
    wide = raw(*[RawCondition("tag", "contains", f"t{i}") for i in range(51)])
    with pytest.raises(UserError, match="At most 50"):
        build_rule(wide)
    with pytest.raises(UserError) as raised:
        build_rule(raw(match="most"))
    assert raised.value.field == "rule.match"


def test_json_round_trip() -> None:
    rule = build_rule(
        raw(
            RawCondition("tier", "equals", str(GOLD)),
            RawCondition("total_spent", "at_most", "100", "JPY"),
            groups=(raw(RawCondition("tag", "contains", "x"), match="any"),),
        )
    )
    assert rule_from_json(rule_to_json(rule)) == rule
