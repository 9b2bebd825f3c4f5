"""Promotion engine invariants, for any cart and any mix of promotions, in currencies with 0, 2
and 3 fraction digits: prices never negative nor below a floor, discounts never above the
subtotal nor the order limit, totals that add up to the minor unit, and one answer per input
whatever the order of lines and promotions."""

import random
from dataclasses import replace
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from domain.money import Money
from domain.promotions.actions import (
    Action,
    AmountOffEach,
    AmountOffOrder,
    BuyXGetY,
    FixedPrice,
    GiftItem,
    PercentOff,
    ShippingOff,
    Tier,
    Tiered,
)
from domain.promotions.allocation import allocate_capped
from domain.promotions.conditions import ALWAYS, AnyOf, Condition, MinQuantity, MinSubtotal
from domain.promotions.engine import price_cart
from domain.promotions.listing import price_variant
from domain.promotions.promotion import Kind, Promotion, PromotionBudget, Stacking
from domain.promotions.request import PricingLine, PricingRequest, RiskPolicy, ShippingOption
from domain.promotions.result import PricingResult, Scope
from domain.promotions.risk import floor_unit_price, order_allowance
from domain.promotions.targets import EVERYTHING, Item, Target

NOW = datetime(2026, 6, 1, tzinfo=UTC)
CURRENCIES = st.sampled_from(["USD", "JPY", "KWD"])
CATEGORIES = ("c1", "c2", "c3")
TARGETS = st.one_of(
    st.just(EVERYTHING),
    st.sampled_from(CATEGORIES).map(lambda c: Target(category_ids=frozenset({c}))),
)
PERCENTS = st.decimals(min_value=0, max_value=100, places=2)
PRICES = st.integers(min_value=0, max_value=100_000)


def lines_in(currency: str) -> st.SearchStrategy[list[PricingLine]]:
    def money(amount: int) -> Money:
        return Money(amount, currency)

    line = st.builds(
        lambda line_id, price, quantity, categories, floor, cost: PricingLine(
            line_id,
            Item(f"v{line_id}", f"p{line_id}", frozenset(categories)),
            quantity,
            money(price),
            None if floor is None else money(floor),
            None if cost is None else money(cost),
        ),
        st.text("abcdefgh", min_size=1, max_size=3),
        PRICES,
        st.integers(min_value=1, max_value=6),
        st.frozensets(st.sampled_from(CATEGORIES), max_size=2),
        st.none() | PRICES,
        st.none() | PRICES,
    )
    return st.lists(line, min_size=1, max_size=8, unique_by=lambda line_: line_.line_id)


def actions_in(currency: str, kind: Kind) -> st.SearchStrategy[Action]:
    money = st.builds(lambda amount: Money(amount, currency), PRICES)
    per_unit: list[st.SearchStrategy[Action]] = [
        st.builds(PercentOff, PERCENTS, TARGETS),
        st.builds(AmountOffEach, money, TARGETS),
        st.builds(FixedPrice, money, TARGETS),
    ]
    if kind is Kind.CATALOG:
        return st.one_of(per_unit)
    tiers = st.lists(st.tuples(PRICES, PRICES), min_size=1, max_size=3).map(
        lambda pairs: tuple(
            Tier(Money(t, currency), Money(a, currency)) for t, a in sorted(set(pairs))
        )
    )
    return st.one_of(
        *per_unit,
        st.builds(AmountOffOrder, money, TARGETS),
        st.builds(
            BuyXGetY,
            st.integers(1, 3),
            st.integers(1, 2),
            TARGETS,
            TARGETS,
            PERCENTS,
            st.none() | st.integers(1, 3),
        ),
        st.builds(Tiered, tiers, TARGETS),
        st.builds(ShippingOff, st.none() | PERCENTS, st.none() | money),
        st.builds(GiftItem, st.just("gift"), money),
    )


def conditions_in(currency: str) -> st.SearchStrategy[Condition]:
    return st.one_of(
        st.just(ALWAYS),
        st.builds(MinSubtotal, st.builds(lambda a: Money(a, currency), PRICES), TARGETS),
        st.builds(lambda q, t: AnyOf((MinQuantity(q, t),)), st.integers(1, 10), TARGETS),
    )


@st.composite
def promotions_in(draw: st.DrawFn, currency: str) -> Promotion:
    kind = draw(st.sampled_from(Kind))
    stacking = draw(st.sampled_from(Stacking))
    return Promotion(
        id=draw(st.text("pqrs", min_size=1, max_size=3)),
        name="promotion",
        kind=kind,
        action=draw(actions_in(currency, kind)),
        condition=draw(conditions_in(currency) if kind is Kind.CART else st.just(ALWAYS)),
        priority=draw(st.integers(0, 3)),
        stacking=stacking,
        combination_group=None
        if stacking is Stacking.EXCLUSIVE
        else draw(st.sampled_from([None, "g"])),
        currency=currency,
    )


@st.composite
def requests(draw: st.DrawFn) -> PricingRequest:
    currency: str = draw(CURRENCIES)
    promotions: list[Promotion] = draw(
        st.lists(promotions_in(currency), max_size=6, unique_by=lambda p: p.id)
    )
    money = st.builds(lambda amount: Money(amount, currency), PRICES)
    budgets = {
        p.id: draw(
            st.builds(PromotionBudget, st.none() | money, st.none() | st.integers(0, 2), st.none())
        )
        for p in promotions
    }
    options: list[int] = draw(st.lists(PRICES, max_size=2))
    return PricingRequest(
        storefront_id="web",
        currency=currency,
        lines=tuple(draw(lines_in(currency))),
        now=NOW,
        promotions=tuple(promotions),
        shipping_options=tuple(
            ShippingOption(f"o{i}", Money(p, currency)) for i, p in enumerate(options)
        ),
        selected_shipping_option_id="o0" if options else None,
        budgets=budgets,
        risk=draw(
            st.builds(
                RiskPolicy,
                st.none() | money,
                st.none() | PERCENTS,
                st.none() | st.decimals(min_value=0, max_value=200, places=1),
            )
        ),
    )


@settings(max_examples=150, deadline=None)
@given(requests())
def test_prices_never_go_negative_nor_below_a_floor(request: PricingRequest) -> None:
    result = price_cart(request)
    for line, priced in zip(request.lines, result.lines, strict=True):
        list_total = line.list_unit_price.amount * line.quantity
        floor = floor_unit_price(line, request.risk) * line.quantity
        assert 0 <= priced.total.amount <= list_total
        assert priced.total.amount >= min(floor, list_total)
    assert all(
        0 <= option.total.amount <= option.price.amount for option in result.shipping_options
    )
    assert result.total.amount >= 0


@settings(max_examples=150, deadline=None)
@given(requests())
def test_discount_never_exceeds_the_subtotal_nor_the_order_limit(request: PricingRequest) -> None:
    result = price_cart(request)
    assert 0 <= result.discount.amount <= result.subtotal.amount
    allowance = order_allowance(result.subtotal, request.risk)
    if allowance is not None:
        assert result.discount.amount <= allowance


@settings(max_examples=150, deadline=None)
@given(requests())
def test_totals_add_up_to_the_minor_unit(request: PricingRequest) -> None:
    result = price_cart(request)
    for line in result.lines:
        assert line.list_total.amount - line.discount.amount == line.total.amount
        assert sum(d.amount.amount for d in line.discounts) == line.discount.amount
    assert sum(line.total.amount for line in result.lines) == (
        result.subtotal.amount - result.discount.amount
    )
    assert result.total == (
        result.subtotal - result.discount + result.shipping - result.shipping_discount
    )
    merchandise = sum(a.amount.amount for a in result.applied)
    assert merchandise == result.discount.amount + result.shipping_discount.amount
    for order_discount in result.order_discounts:
        parts = [
            d.amount.amount
            for line in result.lines
            for d in line.discounts
            if d.promotion_id == order_discount.promotion_id and d.scope is Scope.ORDER
        ]
        assert sum(parts) == order_discount.amount.amount
    considered = [a.promotion_id for a in result.applied] + [
        n.promotion_id for n in result.not_applied
    ]
    assert sorted(considered) == sorted(p.id for p in request.promotions)


def by_line(result: PricingResult) -> object:
    lines = sorted(result.lines, key=lambda line: line.line_id)
    return (lines, result.applied, result.not_applied, result.order_discounts, result.total)


@settings(max_examples=150, deadline=None)
@given(requests(), st.randoms(use_true_random=False))
def test_the_answer_does_not_depend_on_the_order_of_lines_or_promotions(
    request: PricingRequest, shuffler: random.Random
) -> None:
    lines, promotions = list(request.lines), list(request.promotions)
    shuffler.shuffle(lines)
    shuffler.shuffle(promotions)
    shuffled = replace(request, lines=tuple(lines), promotions=tuple(promotions))
    assert by_line(price_cart(shuffled)) == by_line(price_cart(request))


@settings(max_examples=100, deadline=None)
@given(requests())
def test_the_same_input_gives_the_same_answer(request: PricingRequest) -> None:
    assert price_cart(request) == price_cart(request)


@settings(max_examples=100, deadline=None)
@given(requests())
def test_a_listing_shows_what_one_unit_costs_in_a_cart_without_cart_promotions(
    request: PricingRequest,
) -> None:
    line = request.lines[0]
    listed = price_variant(
        line.item,
        line.list_unit_price,
        storefront_id="web",
        now=NOW,
        promotions=request.promotions,
        budgets=request.budgets,
        floor_unit_price=line.floor_unit_price,
        unit_cost=line.unit_cost,
        risk=RiskPolicy(floor_percent_of_cost=request.risk.floor_percent_of_cost),
    )
    single = replace(
        request,
        lines=(replace(line, quantity=1),),
        promotions=tuple(p for p in request.promotions if p.kind is Kind.CATALOG),
        shipping_options=(),
        selected_shipping_option_id=None,
        risk=RiskPolicy(floor_percent_of_cost=request.risk.floor_percent_of_cost),
    )
    assert listed.price == price_cart(single).lines[0].total
    assert 0 <= listed.price.amount <= line.list_unit_price.amount


@given(
    st.integers(min_value=-1_000, max_value=10**9),
    st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 10**6)), min_size=1, max_size=20),
)
def test_a_capped_split_adds_up_and_respects_every_cap(
    amount: int, weights_and_caps: list[tuple[int, int]]
) -> None:
    weights = [w for w, _ in weights_and_caps]
    caps = [c for _, c in weights_and_caps]
    parts = allocate_capped(amount, weights, caps, "USD")
    reachable = sum(c for w, c in weights_and_caps if w > 0)
    assert sum(parts) == max(0, min(amount, reachable))
    assert all(0 <= p <= c for p, c in zip(parts, caps, strict=True))
    assert all(p == 0 for p, w in zip(parts, weights, strict=True) if w == 0)
