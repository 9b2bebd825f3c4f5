"""Segment rule invariants over generated rules and customers (Hypothesis)."""

from datetime import UTC, datetime, timedelta
from uuid import UUID

from hypothesis import given
from hypothesis import strategies as st

from domain.customers.segment_rules import (
    OPERATORS,
    Condition,
    CustomerFacts,
    Field,
    Match,
    Op,
    Rule,
    condition_holds,
    matches,
    rule_from_json,
    rule_to_json,
)

NOW = datetime(2026, 6, 1, tzinfo=UTC)
TAGS = ["vip", "b2b", "wholesale", "newsletter"]
COUNTRIES = ["FR", "DE", "US"]


@st.composite
def conditions(draw: st.DrawFn) -> Condition:
    field = draw(st.sampled_from(list(Field)))
    op = draw(st.sampled_from(sorted(OPERATORS[field])))
    currency = None
    value: str | int
    match field:
        case Field.TAG:
            value = draw(st.sampled_from(TAGS))
        case Field.TIER:
            value = "00000000-0000-7000-8000-00000000000" + str(draw(st.integers(0, 2)))
        case Field.COUNTRY:
            value = draw(st.sampled_from(COUNTRIES))
        case Field.ORDER_COUNT:
            value = draw(st.integers(0, 10))
        case Field.TOTAL_SPENT:
            value, currency = draw(st.integers(0, 10_000)), draw(st.sampled_from(["EUR", "USD"]))
        case Field.LAST_ORDER_AT:
            if op in (Op.WITHIN_DAYS, Op.NOT_WITHIN_DAYS):
                value = draw(st.integers(0, 400))
            else:
                value = (NOW - timedelta(days=draw(st.integers(0, 400)))).isoformat()
    return Condition(field, op, value, currency)


rules = st.recursive(
    st.builds(Rule, st.sampled_from(list(Match)), st.lists(conditions(), max_size=4).map(tuple)),
    lambda children: st.builds(
        Rule,
        st.sampled_from(list(Match)),
        st.lists(conditions(), max_size=3).map(tuple),
        st.lists(children, max_size=3).map(tuple),
    ),
    max_leaves=8,
)


@st.composite
def facts(draw: st.DrawFn) -> CustomerFacts:
    tier = draw(st.sampled_from([None, 0, 1, 2]))
    last = draw(st.one_of(st.none(), st.integers(0, 400)))
    return CustomerFacts(
        tags=frozenset(draw(st.lists(st.sampled_from(TAGS), max_size=4))),
        tier_id=None if tier is None else UUID(f"00000000-0000-7000-8000-00000000000{tier}"),
        order_count=draw(st.integers(0, 10)),
        total_spent=draw(st.dictionaries(st.sampled_from(["EUR", "USD"]), st.integers(0, 10_000))),
        last_order_at=None if last is None else NOW - timedelta(days=last),
        country=draw(st.one_of(st.none(), st.sampled_from(COUNTRIES))),
    )


NEGATIONS = {
    Op.EQUALS: Op.NOT_EQUALS,
    Op.CONTAINS: Op.NOT_CONTAINS,
    Op.WITHIN_DAYS: Op.NOT_WITHIN_DAYS,
    Op.AT_LEAST: Op.LESS_THAN,
    Op.GREATER_THAN: Op.AT_MOST,
}


@given(rules, facts())
def test_a_stored_rule_decides_exactly_like_the_original(
    rule: Rule, customer: CustomerFacts
) -> None:
    assert matches(rule_from_json(rule_to_json(rule)), customer, NOW) == matches(
        rule, customer, NOW
    )


@given(rules, facts())
def test_all_is_the_conjunction_and_any_the_disjunction_of_the_parts(
    rule: Rule, customer: CustomerFacts
) -> None:
    parts = [condition_holds(c, customer, NOW) for c in rule.conditions] + [
        matches(g, customer, NOW) for g in rule.groups
    ]
    expected = all(parts) if rule.match is Match.ALL else any(parts)
    assert matches(rule, customer, NOW) is expected


@given(conditions(), facts())
def test_a_negated_operator_gives_the_opposite_answer(
    condition: Condition, customer: CustomerFacts
) -> None:
    pairs = {**NEGATIONS, **{v: k for k, v in NEGATIONS.items()}}
    negated = pairs.get(condition.op)
    if negated is None or negated not in OPERATORS[condition.field]:
        return
    opposite = Condition(condition.field, negated, condition.value, condition.currency)
    assert condition_holds(opposite, customer, NOW) is not condition_holds(condition, customer, NOW)


@given(rules, facts())
def test_wrapping_a_rule_in_a_group_changes_nothing(rule: Rule, customer: CustomerFacts) -> None:
    for match in Match:
        assert matches(Rule(match, (), (rule,)), customer, NOW) == matches(rule, customer, NOW)
