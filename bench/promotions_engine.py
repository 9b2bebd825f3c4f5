"""How long the promotions engine takes to price a 50-line cart against 200 active promotions.

    .venv/bin/python bench/promotions_engine.py [--evaluations 200] [--profile]

The cart: 50 lines over 10 categories and 5 collections, quantities 1-4, floors on a fifth of
the variants. The promotions: 60 catalog sales (percentages, amounts off, fixed prices) and 140
cart promotions (percentages, amounts off lines and orders, buy X get Y, tiers, shipping,
gifts) with conditions on subtotal, quantity, contents, customer tags, storefront, time and
codes; a tenth exclusive, some in combination groups, a storefront order limit. Fixed seed.
Prints the time per evaluation (median and p90 wall clock, mean CPU) for the cart and for
one listing price. Figures, not assertions.
"""

import argparse
import random
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from domain.money import Money
from domain.promotions.actions import (
    FREE_SHIPPING,
    Action,
    AmountOffEach,
    AmountOffOrder,
    BuyXGetY,
    FixedPrice,
    GiftItem,
    PercentOff,
    Tier,
    Tiered,
)
from domain.promotions.conditions import (
    ALWAYS,
    AllOf,
    AnyOf,
    Between,
    CartContains,
    CodeEntered,
    Condition,
    CustomerTagged,
    MinQuantity,
    MinSubtotal,
    OnStorefront,
)
from domain.promotions.engine import price_cart
from domain.promotions.listing import price_variant
from domain.promotions.promotion import Kind, Promotion, Stacking
from domain.promotions.request import (
    Customer,
    EnteredCode,
    PricingLine,
    PricingRequest,
    RiskPolicy,
    ShippingOption,
)
from domain.promotions.targets import EVERYTHING, Item, Target

NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)


def usd(amount: int) -> Money:
    return Money(amount, "USD")


def cart(rng: random.Random) -> tuple[PricingLine, ...]:
    lines = []
    for i in range(50):
        item = Item(
            f"variant-{i:02}",
            f"product-{i // 2:02}",
            frozenset({f"category-{i % 10}"}),
            frozenset({f"collection-{i % 5}"}),
            frozenset({"tag-new"} if i % 7 == 0 else set()),
        )
        price = rng.randrange(5_00, 300_00)
        floor = usd(price * 6 // 10) if i % 5 == 0 else None
        lines.append(
            PricingLine(f"line-{i:02}", item, rng.randint(1, 4), usd(price), floor, usd(price // 2))
        )
    return tuple(lines)


def target(rng: random.Random) -> Target:
    match rng.randrange(4):
        case 0:
            return EVERYTHING
        case 1:
            return Target(category_ids=frozenset({f"category-{rng.randrange(10)}"}))
        case 2:
            return Target(collection_ids=frozenset({f"collection-{rng.randrange(5)}"}))
    return Target(product_ids=frozenset(f"product-{rng.randrange(40):02}" for _ in range(3)))


def action(rng: random.Random, kind: Kind) -> Action:
    percent = Decimal(rng.randrange(5, 40))
    options: list[Action] = [
        PercentOff(percent, target(rng)),
        AmountOffEach(usd(rng.randrange(1_00, 10_00)), target(rng)),
        FixedPrice(usd(rng.randrange(10_00, 100_00)), target(rng)),
    ]
    if kind is Kind.CART:
        options += [
            AmountOffOrder(usd(rng.randrange(5_00, 50_00)), target(rng)),
            BuyXGetY(2, 1, target(rng), target(rng), Decimal(100), rng.choice([None, 2])),
            Tiered((Tier(usd(100_00), usd(10_00)), Tier(usd(200_00), usd(30_00))), target(rng)),
            FREE_SHIPPING,
            GiftItem("tote", usd(12_00)),
        ]
    return rng.choice(options)


def condition(rng: random.Random, index: int) -> Condition:
    options: list[Condition] = [
        ALWAYS,
        MinSubtotal(usd(rng.randrange(50_00, 2_000_00))),
        MinQuantity(rng.randrange(1, 60), target(rng)),
        CartContains(target(rng)),
        CustomerTagged(frozenset({rng.choice(["vip", "staff", "press"])})),
        OnStorefront(frozenset({rng.choice(["web", "app"])})),
        Between(NOW - timedelta(days=1), NOW + timedelta(days=rng.choice([-1, 1]))),
        AnyOf((CodeEntered(), MinSubtotal(usd(5_000_00)))),
    ]
    if index % 4 == 0:
        return AllOf((rng.choice(options), rng.choice(options)))
    return rng.choice(options)


def promotions(rng: random.Random) -> tuple[Promotion, ...]:
    result = []
    for i in range(200):
        kind = Kind.CATALOG if i < 60 else Kind.CART
        exclusive = i % 10 == 3
        result.append(
            Promotion(
                id=f"promotion-{i:03}",
                name=f"Promotion {i}",
                kind=kind,
                action=action(rng, kind),
                condition=ALWAYS if kind is Kind.CATALOG else condition(rng, i),
                priority=rng.randrange(10),
                stacking=Stacking.EXCLUSIVE if exclusive else Stacking.COMBINABLE,
                combination_group=None if exclusive or i % 3 else "loyalty",
                currency="USD",
            )
        )
    return tuple(result)


def request() -> PricingRequest:
    rng = random.Random(2026)
    return PricingRequest(
        storefront_id="web",
        currency="USD",
        lines=cart(rng),
        now=NOW,
        promotions=promotions(rng),
        customer=Customer("customer-1", tags=frozenset({"vip"}), order_count=3),
        shipping_options=(
            ShippingOption("standard", usd(5_00)),
            ShippingOption("express", usd(15_00)),
        ),
        selected_shipping_option_id="standard",
        entered_codes=(EnteredCode("SUMMER10", "promotion-150"),),
        risk=RiskPolicy(max_order_discount_percent=Decimal(40), floor_percent_of_cost=Decimal(100)),
    )


def timed(run: Callable[[], object], evaluations: int) -> tuple[list[float], float]:
    """Wall-clock seconds of each evaluation, and the CPU seconds per evaluation (the steadier
    figure on a shared machine)."""
    samples = []
    cpu_start = time.process_time()
    for _ in range(evaluations):
        start = time.perf_counter()
        run()
        samples.append(time.perf_counter() - start)
    return samples, (time.process_time() - cpu_start) / evaluations


def report(label: str, measured: tuple[list[float], float]) -> None:
    samples, cpu = measured
    ordered = sorted(samples)
    p90 = ordered[int(len(ordered) * 0.9)]
    print(
        f"{label}: median {statistics.median(ordered) * 1000:.2f} ms, "
        f"p90 {p90 * 1000:.2f} ms, CPU {cpu * 1000:.2f} ms per evaluation"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--evaluations", type=int, default=200)
    parser.add_argument("--profile", action="store_true", help="print a pyinstrument profile")
    args = parser.parse_args()
    cart_request = request()
    result = price_cart(cart_request)
    print(
        f"50 lines, 200 promotions: {len(result.applied)} applied, "
        f"{len(result.not_applied)} not applied, discount {result.discount.format()} "
        f"of {result.subtotal.format()}"
    )
    if args.profile:
        from pyinstrument import Profiler

        with Profiler() as profiler:
            for _ in range(args.evaluations):
                price_cart(cart_request)
        profiler.print()
        return
    timed(lambda: price_cart(cart_request), 10)  # warm up
    report("price_cart", timed(lambda: price_cart(cart_request), args.evaluations))
    line = cart_request.lines[0]
    report(
        "price_variant",
        timed(
            lambda: price_variant(
                line.item,
                line.list_unit_price,
                storefront_id="web",
                now=NOW,
                promotions=cart_request.promotions,
            ),
            args.evaluations,
        ),
    )


if __name__ == "__main__":
    main()
