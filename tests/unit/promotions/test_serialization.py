"""A promotion's action and condition survive being stored as JSON, and bad JSON from the API
is refused with the path at fault."""

import json
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from domain.errors import UserError
from domain.promotions import actions as a
from domain.promotions import conditions as c
from domain.promotions.serialization import (
    dump_action,
    dump_condition,
    load_action,
    load_condition,
)
from domain.promotions.targets import Target
from tests.support.promotions import usd

SHOES = Target(product_ids=frozenset({"p1", "p2"}), tags=frozenset({"sale"}))
EVERY_ACTION: list[a.Action] = [
    a.PercentOff(Decimal("12.5"), SHOES),
    a.AmountOffEach(usd(250)),
    a.AmountOffOrder(usd(1000), Target(category_ids=frozenset({"c1"}))),
    a.FixedPrice(usd(999), Target(variant_ids=frozenset({"v1"}))),
    a.BuyXGetY(2, 1, SHOES, Target(collection_ids=frozenset({"k1"})), Decimal(50), 3),
    a.Tiered((a.Tier(usd(5000), usd(500)), a.Tier(usd(10000), usd(1500)))),
    a.ShippingOff(percent=Decimal(100), option_ids=frozenset({"m1"})),
    a.ShippingOff(amount=usd(300)),
    a.GiftItem("v9", usd(1200), 2),
]
EVERY_CONDITION: list[c.Condition] = [
    c.ALWAYS,
    c.AllOf(
        (
            c.MinSubtotal(usd(5000), SHOES),
            c.MinQuantity(3),
            c.CartContains(Target(variant_ids=frozenset({"v1"}))),
            c.AnyOf(
                (
                    c.CustomerTagged(frozenset({"vip", "staff"})),
                    c.CustomerInSegment(frozenset({"s1"})),
                    c.CustomerTier(frozenset({"t1"})),
                    c.FirstOrder(),
                )
            ),
            c.OnStorefront(frozenset({"web"})),
            c.Between(datetime(2026, 1, 1, tzinfo=UTC), None),
            c.CodeEntered(),
        )
    ),
]


@pytest.mark.parametrize("action", EVERY_ACTION, ids=lambda x: type(x).__name__)
def test_every_action_reads_back_as_it_was_written(action: a.Action) -> None:
    # when it is stored as JSON text and read back
    stored = json.loads(json.dumps(dump_action(action)))
    # then it is the same action
    assert load_action(stored) == action


@pytest.mark.parametrize("condition", EVERY_CONDITION, ids=lambda x: type(x).__name__)
def test_every_condition_reads_back_as_it_was_written(condition: c.Condition) -> None:
    stored = json.loads(json.dumps(dump_condition(condition)))
    assert load_condition(stored) == condition


def test_the_stored_form_is_readable() -> None:
    assert dump_action(a.AmountOffOrder(usd(1000))) == {
        "type": "AmountOffOrder",
        "amount": {"amount": "10.00", "currency": "USD"},
        "target": {
            "productIds": [],
            "variantIds": [],
            "categoryIds": [],
            "collectionIds": [],
            "tags": [],
        },
    }


def test_left_out_fields_take_their_defaults() -> None:
    assert load_action({"type": "PercentOff", "percent": "10"}) == a.PercentOff(Decimal(10))
    assert load_condition(None) == c.ALWAYS


def test_ids_go_through_the_codec_both_ways() -> None:
    # given a codec that shows ids as the API does
    def show(type_name: str, id: str, _field: str) -> str:
        return f"{type_name}:{id}"

    def take(type_name: str, id: str, _field: str) -> str:
        return id.removeprefix(f"{type_name}:")

    action = a.PercentOff(Decimal(10), Target(variant_ids=frozenset({"v1"})))
    # when it is written for the API
    shown = dump_action(action, show)
    # then ids carry their type, and read back to the engine's ids
    assert shown["target"]["variantIds"] == ["ProductVariant:v1"]
    assert load_action(shown, take) == action


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ("10%", "action"),
        ({"type": "HalfOff"}, "action.type"),
        ({"type": "PercentOff"}, "action.percent"),
        ({"type": "PercentOff", "percent": "ten"}, "action.percent"),
        ({"type": "PercentOff", "percent": "10", "colour": "red"}, "action"),
        (
            {"type": "AmountOffEach", "amount": {"amount": "1.234", "currency": "USD"}},
            "action.amount.amount",
        ),
        (
            {"type": "AmountOffEach", "amount": {"amount": "1", "currency": "XXY"}},
            "action.amount.currency",
        ),
        ({"type": "BuyXGetY", "buy": "2", "get": 1}, "action.buy"),
        (
            {"type": "Tiered", "tiers": [{"threshold": {"amount": "1", "currency": "USD"}}]},
            "action.tiers.0",
        ),
        (
            {"type": "PercentOff", "percent": "5", "target": {"variantIds": "v1"}},
            "action.target.variantIds",
        ),
    ],
)
def test_malformed_actions_name_the_field_at_fault(data: object, field: str) -> None:
    with pytest.raises(UserError) as refused:
        load_action(data)
    assert refused.value.field == field


def test_malformed_conditions_name_the_nested_field_at_fault() -> None:
    data = {"type": "AllOf", "conditions": [{"type": "Between", "startsAt": "yesterday"}]}
    with pytest.raises(UserError) as refused:
        load_condition(data)
    assert refused.value.field == "condition.conditions.0.startsAt"
