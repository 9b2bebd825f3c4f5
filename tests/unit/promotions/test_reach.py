"""What promotions look at: a cart or listing reads categories, collections or the customer
only when a live promotion names them; a line carries its category's ancestors."""

from uuid import uuid4

from domain.checkout.discounts import line_item
from domain.checkout.offers import ProductGroups
from domain.promotions.actions import BuyXGetY, PercentOff
from domain.promotions.conditions import (
    AllOf,
    AnyOf,
    CustomerInSegment,
    CustomerTagged,
    MinSubtotal,
)
from domain.promotions.reach import Needs, needs
from domain.promotions.targets import Target
from tests.support.promotions import pct, promo, usd


def test_promotions_on_ids_and_tags_need_no_groups_nor_customer() -> None:
    plain = promo("ids", PercentOff(pct(10), Target(product_ids=frozenset({"p"}))))
    tagged = promo("tags", PercentOff(pct(10), Target(tags=frozenset({"summer"}))))
    assert needs([plain]) == Needs()
    assert needs([plain, tagged]) == Needs(product_facts=True)


def test_categories_and_collections_in_actions_or_nested_conditions_need_groups() -> None:
    in_action = promo("a", BuyXGetY(1, 1, get_target=Target(collection_ids=frozenset({"c"}))))
    nested = promo(
        "b",
        PercentOff(pct(5)),
        condition=AnyOf(
            (AllOf((MinSubtotal(usd(10_00), Target(category_ids=frozenset({"k"}))),)),)
        ),
    )
    assert needs([in_action]).groups
    assert needs([nested]).groups and needs([nested]).product_facts


def test_customer_conditions_need_the_customer_and_name_their_segments() -> None:
    found = needs(
        [
            promo("t", PercentOff(pct(5)), condition=CustomerTagged(frozenset({"vip"}))),
            promo(
                "s", PercentOff(pct(5)), condition=AllOf((CustomerInSegment(frozenset({"s1"})),))
            ),
        ]
    )
    assert found.customer and found.segment_ids == frozenset({"s1"})
    assert not found.groups


def test_a_line_carries_its_category_its_ancestors_and_its_collections() -> None:
    variant, product, hats, clothing, picks = (uuid4() for _ in range(5))
    item = line_item(
        variant,
        product,
        hats,
        frozenset({"summer"}),
        ProductGroups(frozenset({hats, clothing}), frozenset({picks})),
    )
    assert item.category_ids == frozenset({str(hats), str(clothing)})
    assert item.collection_ids == frozenset({str(picks)})
    assert Target(category_ids=frozenset({str(clothing)})).matches(item)
    assert Target(collection_ids=frozenset({str(picks)})).matches(item)
