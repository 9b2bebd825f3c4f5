"""No sequence of actions, allowed or refused, leaves an order in an inconsistent state."""

from hypothesis import given, settings
from hypothesis import strategies as st

from domain.orders.lifecycle import Action, Change, Facts, NotAllowed, Stage, apply, progress
from domain.orders.orders import OrderStatus

S = OrderStatus

changes = st.builds(
    Change,
    action=st.sampled_from(list(Action)),
    units=st.integers(min_value=-1, max_value=5),
    amount=st.integers(min_value=-100, max_value=2500),
    stage=st.sampled_from(list(Stage)),
    cards=st.integers(min_value=-1, max_value=2),
    returned=st.integers(min_value=-1, max_value=2),
)
orders = st.builds(
    lambda total, units, cards, cod, paid: Facts(
        (S.DELIVERED if units == 0 else S.PAID) if paid else S.UNPAID,
        total=total,
        units=units,
        cash_on_delivery=cod,
        captured=total if paid else 0,
        cards=cards,
    ),
    total=st.integers(min_value=1, max_value=2000),
    units=st.integers(min_value=0, max_value=6),
    cards=st.integers(min_value=1, max_value=2),
    cod=st.booleans(),
    paid=st.booleans(),
)


def assert_consistent(facts: Facts) -> None:
    assert 0 <= facts.returned <= facts.delivered <= facts.shipped <= facts.fulfilled <= facts.units
    assert facts.picking >= 0 and facts.packed >= 0 and facts.cards >= 0
    assert facts.picking + facts.packed <= facts.fulfilled - facts.shipped
    # the warehouse statuses: units in fulfillments, nothing shipped
    if facts.status in (S.ALLOCATED, S.PICKING, S.PACKED):
        assert facts.fulfilled > 0 and facts.shipped == 0
    if facts.status == S.RETURNED:
        assert facts.returned == facts.delivered == facts.units > 0
    assert 0 <= facts.refunded <= facts.captured <= facts.total
    # shipped but not paid: only cash on delivery does that
    if facts.shipped > 0:
        assert facts.captured == facts.total or facts.cash_on_delivery
    if facts.status == S.CANCELLED:
        assert facts.shipped == 0 and facts.refunded == facts.captured
    assert (facts.status == S.ON_HOLD) == (facts.held_from is not None)
    if facts.status not in (S.ON_HOLD, S.CANCELLED, S.COMPLETED):
        assert facts.status == progress(facts)
    if facts.status in (S.COMPLETED, S.DELIVERED):
        assert facts.delivered == facts.units


@settings(max_examples=400, deadline=None)  # a busy CI machine must not make it flaky
@given(orders, st.lists(changes, max_size=30))
def test_no_sequence_of_actions_reaches_an_inconsistent_state(
    start: Facts, actions: list[Change]
) -> None:
    facts = start
    for change in actions:
        try:
            outcome = apply(facts, change)
        except NotAllowed as refused:
            assert refused.status == facts.status  # refused: nothing changed
            continue
        facts = outcome.facts
        assert_consistent(facts)
