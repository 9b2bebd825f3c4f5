"""The storefront listing: sorting, paging, filtering, searching and counting products.

Visitors list what their storefront publishes, at its prices and from its warehouses' stock.
Staff without a storefront token list the whole catalog, and cannot ask for what only a
storefront defines (prices, stock). A refused listing is one top-level error naming the input.
"""

import uuid
from decimal import Decimal
from typing import Any

import pytest

from resolvers.ids import encode_global_id
from tests.support.actors import MerchantWorld
from tests.support.listing import Store, outdoor_store, query_error, stock

JACKET, TENT, BOOT = "Alpine jacket", "Bivouac tent", "Waterproof trail boot"
PACK, STOVE, HAT = "Day pack", "Ember stove", "fleece hat"
CREATED = [JACKET, TENT, BOOT, PACK, STOVE, HAT]
BY_NAME = [JACKET, TENT, PACK, STOVE, HAT, BOOT]
# lowest live USD price: pack 90, boot 95, jacket 120, tent 120; stove and hat have none
BY_PRICE = [PACK, BOOT, JACKET, TENT, STOVE, HAT]
BY_PRICE_DESC = [TENT, JACKET, BOOT, PACK, HAT, STOVE]

SORTS: dict[str, tuple[dict[str, Any], list[str]]] = {
    "name asc": ({"sort": {"field": "NAME"}}, BY_NAME),
    "name desc": ({"sort": {"field": "NAME", "direction": "DESC"}}, BY_NAME[::-1]),
    "price asc": ({"sort": {"field": "PRICE", "direction": "ASC"}}, BY_PRICE),
    "price desc": ({"sort": {"field": "PRICE", "direction": "DESC"}}, BY_PRICE_DESC),
    "created asc": ({"sort": {"field": "CREATED"}}, CREATED),
    "created desc": ({"sort": {"field": "CREATED", "direction": "DESC"}}, CREATED[::-1]),
}


@pytest.fixture
async def store(merchant_a: MerchantWorld) -> Store:
    return await outdoor_store(merchant_a)


def sort(field: str, direction: str | None = None) -> dict[str, Any]:
    return {"field": field} if direction is None else {"field": field, "direction": direction}


def choices(attribute: str, *slugs: str) -> dict[str, Any]:
    return {"attribute": attribute, "choices": list(slugs)}


# --- sorting -----------------------------------------------------------------------------------


@pytest.mark.parametrize("order", sorted(SORTS))
async def test_a_listing_is_sorted_as_asked(store: Store, order: str) -> None:
    variables, expected = SORTS[order]
    assert await store.names(**variables) == expected


async def test_without_a_sort_products_are_listed_oldest_first(store: Store) -> None:
    assert await store.names() == CREATED


async def test_price_sort_uses_the_storefronts_lowest_live_variant_price(store: Store) -> None:
    # the boot's archived L at 5.00 would make it the cheapest: it does not count
    assert (await store.names(sort=sort("PRICE")))[:2] == [PACK, BOOT]
    # on the EUR market the jacket's only price is 100.00 and the boot's 200.00
    assert await store.names(on="market", sort=sort("PRICE")) == [JACKET, BOOT]
    assert await store.names(on="market", sort=sort("PRICE", "DESC")) == [BOOT, JACKET]


async def test_unpriced_products_come_last_in_both_directions(store: Store) -> None:
    ascending = await store.names(sort=sort("PRICE"))
    descending = await store.names(sort=sort("PRICE", "DESC"))
    assert set(ascending[-2:]) == set(descending[-2:]) == {STOVE, HAT}


async def test_search_ranks_a_name_match_above_a_description_match(store: Store) -> None:
    # the jacket and the pack say "waterproof" in their descriptions, the boot in its name
    relevant = await store.names(search="waterproof", sort=sort("RELEVANCE"))
    assert relevant[0] == BOOT
    assert sorted(relevant) == sorted([BOOT, JACKET, PACK])
    # relevance is the default order when searching (the jacket is older than the boot)
    assert await store.names(search="waterproof") == relevant
    # and ascending relevance puts the name match last
    assert (await store.names(search="waterproof", sort=sort("RELEVANCE", "ASC")))[-1] == BOOT


async def test_a_search_can_be_sorted_by_anything_else(store: Store) -> None:
    assert await store.names(search="waterproof", sort=sort("NAME")) == [JACKET, PACK, BOOT]
    assert await store.names(search="waterproof", sort=sort("PRICE")) == [PACK, BOOT, JACKET]


@pytest.mark.parametrize(
    ("variables", "field"),
    [
        ({"sort": sort("RELEVANCE")}, "sortBy"),
        ({"sort": sort("RELEVANCE"), "search": "!!!"}, "sortBy"),
        ({"sort": sort("COLLECTION")}, "sortBy"),
    ],
    ids=["relevance without search", "relevance without words", "collection without one"],
)
async def test_a_sort_that_needs_what_is_missing_is_refused(
    store: Store, variables: dict[str, Any], field: str
) -> None:
    result = await store.listing({"first": 10, **variables})
    assert query_error(result) == ("INVALID", field)


# --- paging ------------------------------------------------------------------------------------


async def walk_forward(store: Store, variables: dict[str, Any]) -> list[str]:
    names: list[str] = []
    after = None
    for number in range(10):
        page = await store.page({**variables, "first": 2, "after": after})
        assert len(page["nodes"]) <= 2
        assert page["pageInfo"]["hasPreviousPage"] is (number > 0)
        names += [node["name"] for node in page["nodes"]]
        if not page["pageInfo"]["hasNextPage"]:
            return names
        after = page["pageInfo"]["endCursor"]
    raise AssertionError(f"paging forwards never ended: {names}")


async def walk_backward(store: Store, variables: dict[str, Any]) -> list[str]:
    names: list[str] = []
    before = None
    for number in range(10):
        page = await store.page({**variables, "last": 2, "before": before})
        assert len(page["nodes"]) <= 2
        assert page["pageInfo"]["hasNextPage"] is (number > 0)
        names = [node["name"] for node in page["nodes"]] + names
        if not page["pageInfo"]["hasPreviousPage"]:
            return names
        before = page["pageInfo"]["startCursor"]
    raise AssertionError(f"paging backwards never ended: {names}")


@pytest.mark.parametrize("order", sorted(SORTS))
async def test_paging_walks_every_product_once_in_either_direction(
    store: Store, order: str
) -> None:
    variables, expected = SORTS[order]
    # when the listing is walked two at a time, forwards and backwards
    # then the pages join up into the full sorted list: nothing twice, nothing missing
    assert await walk_forward(store, variables) == expected
    assert await walk_backward(store, variables) == expected


async def test_paging_by_relevance_walks_every_match_once(store: Store) -> None:
    variables = {"search": "waterproof"}
    everything = await store.names(**variables)
    assert len(everything) == 3
    assert await walk_forward(store, variables) == everything
    assert await walk_backward(store, variables) == everything


async def test_paging_a_filtered_listing_keeps_to_the_filter(store: Store) -> None:
    variables = {"filter": {"categoryId": store.ids["outdoor"]}, "sort": sort("PRICE", "DESC")}
    assert await walk_forward(store, variables) == [TENT, BOOT, PACK, STOVE]
    assert await walk_backward(store, variables) == [TENT, BOOT, PACK, STOVE]


# --- price range -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("price_filter", "expected"),
    [
        ({"priceMin": "95.00", "priceMax": "120.00"}, [JACKET, TENT, BOOT]),
        ({"priceMin": "120.01"}, [JACKET]),
        ({"priceMin": "150", "priceMax": "150"}, [JACKET]),
        ({"priceMax": "90"}, [PACK]),
        ({"priceMax": "89.99"}, []),
        ({"priceMin": "0"}, [JACKET, TENT, BOOT, PACK]),
    ],
    ids=["both bounds", "min only", "one price", "max is inclusive", "below all", "priced"],
)
async def test_a_price_range_keeps_products_with_a_variant_priced_within_it(
    store: Store, price_filter: dict[str, str], expected: list[str]
) -> None:
    # (the jacket costs 150.00 and 120.00; the boot's archived 5.00 and unpublished or
    # archived products never count; unpriced products never match a range)
    assert await store.names(filter=price_filter, sort=sort("NAME")) == sorted(
        expected, key=str.lower
    )


async def test_a_price_range_is_in_the_storefronts_own_currency(store: Store) -> None:
    # on the EUR market the jacket costs 100.00 (and 150.00 only in USD on web)
    assert await store.names(on="market", filter={"priceMin": "150"}) == [BOOT]
    assert await store.names(on="market", filter={"priceMax": "100.00"}) == [JACKET]


@pytest.mark.parametrize(
    ("price_filter", "field"),
    [
        ({"priceMin": "200", "priceMax": "100"}, "priceMin"),
        ({"priceMin": "ten"}, "priceMin"),
        ({"priceMin": ""}, "priceMin"),
        ({"priceMax": "NaN"}, "priceMax"),
        ({"priceMax": "1.234"}, "priceMax"),
        ({"priceMin": "-1"}, "priceMin"),
        ({"priceMin": "1e999999999"}, "priceMin"),
        ({"priceMax": "1e999990"}, "priceMax"),
    ],
    ids=[
        "min above max",
        "not a number",
        "empty",
        "nan",
        "too precise",
        "negative",
        "overflowing exponent",
        "huge exponent",
    ],
)
async def test_a_malformed_price_range_is_refused_naming_the_bound(
    store: Store, price_filter: dict[str, str], field: str
) -> None:
    result = await store.listing({"first": 10, "filter": price_filter})
    assert query_error(result) == ("INVALID", field)


async def test_a_bound_beyond_every_price_is_no_bound(store: Store) -> None:
    # (prices are at most 10^15 minor units; the database still compares a bound above that)
    assert await store.names(filter={"priceMax": "1e30"}, sort=sort("NAME")) == [
        JACKET,
        TENT,
        PACK,
        BOOT,
    ]
    assert await store.names(filter={"priceMin": "1e30"}) == []
    assert await store.names(filter={"priceMin": "1e29", "priceMax": "1e30"}) == []
    result = await store.listing({"first": 5, "filter": {"priceMin": "1e30", "priceMax": "1e29"}})
    assert query_error(result) == ("INVALID", "priceMin")


# --- stock -------------------------------------------------------------------------------------


async def test_in_stock_keeps_products_its_storefronts_warehouses_can_sell(store: Store) -> None:
    # web sells from Depot: the jacket has 0 there (its 5 are in the market's Spare), the hat
    # has no variant at all; the tent is untracked, so always in stock
    assert await store.names(filter={"inStock": True}, sort=sort("NAME")) == [
        TENT,
        PACK,
        STOVE,
        BOOT,
    ]
    # the market sells from Spare: only the jacket has stock there
    assert await store.names(on="market", filter={"inStock": True}) == [JACKET]
    # without the filter, out-of-stock products are listed too
    assert len(await store.names()) == 6


async def test_selling_out_drops_a_product_from_the_in_stock_listing(store: Store) -> None:
    # when the pack's only variant sells out
    await stock(store.merchant, store.ids["pack_m"], store.ids["depot"], 0)
    # then it is no longer in stock, though still listed
    assert PACK not in await store.names(filter={"inStock": True})
    assert PACK in await store.names()


# --- attributes --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("attributes", "expected"),
    [
        ([choices("colour", "red")], [JACKET]),
        ([choices("colour", "red", "blue")], [JACKET, BOOT]),
        (
            [choices("colour", "blue", "green"), {"attribute": "waterproof", "boolean": True}],
            [BOOT],
        ),
        ([{"attribute": "waterproof", "boolean": False}], [PACK]),
        ([{"attribute": "waterproof", "boolean": True}], [JACKET, BOOT]),
        ([choices("colour", "red"), choices("size", "m")], [JACKET]),
        ([choices("colour", "green"), choices("colour", "red")], []),
        ([choices("Colour", "RED")], [JACKET]),
    ],
    ids=[
        "one choice",
        "choices are or-ed",
        "attributes are and-ed",
        "boolean false",
        "boolean true",
        "product and variant values",
        "same attribute twice",
        "slugs in any case",
    ],
)
async def test_attribute_filters(
    store: Store, attributes: list[dict[str, Any]], expected: list[str]
) -> None:
    # (the unpublished Glacier boot is red and waterproof too: never listed)
    names = await store.names(filter={"attributes": attributes}, sort=sort("NAME"))
    assert names == sorted(expected, key=str.lower)


async def test_a_variant_value_counts_for_its_product_unless_the_variant_is_archived(
    store: Store,
) -> None:
    # size is a variant attribute: the jacket has S and M, the boot S (and an archived L)
    assert await store.names(filter={"attributes": [choices("size", "s")]}) == [JACKET, BOOT]
    assert await store.names(filter={"attributes": [choices("size", "m")]}) == [JACKET, PACK]
    assert await store.names(filter={"attributes": [choices("size", "l")]}) == []


@pytest.mark.parametrize(
    ("attributes", "error"),
    [
        ([choices("flavour", "sweet")], ("NOT_FOUND", "attributes.0.attribute")),
        ([choices("material", "nylon")], ("NOT_FOUND", "attributes.0.attribute")),
        ([choices("season", "winter")], ("NOT_FOUND", "attributes.0.attribute")),
        (
            [choices("colour", "red"), choices("flavour", "x")],
            ("NOT_FOUND", "attributes.1.attribute"),
        ),
        ([choices("colour", "purple")], ("NOT_FOUND", "attributes.0.choices")),
        ([choices("colour")], ("INVALID", "attributes.0.choices")),
        ([{"attribute": "waterproof"}], ("INVALID", "attributes.0.boolean")),
    ],
    ids=[
        "unknown attribute",
        "text is not filterable",
        "select not filterable",
        "second one unknown",
        "unknown choice",
        "no choice",
        "no boolean",
    ],
)
async def test_an_attribute_filter_that_cannot_apply_is_refused(
    store: Store, attributes: list[dict[str, Any]], error: tuple[str, str]
) -> None:
    result = await store.listing({"first": 10, "filter": {"attributes": attributes}})
    assert query_error(result) == error


async def test_another_merchants_attribute_is_unknown(
    store: Store, merchant_b: MerchantWorld
) -> None:
    # given merchant bravo's storefront, with no attributes of its own
    _, bravo = await merchant_b.storefront("Bravo web", "USD")
    # when its visitor filters by alpha's colour
    result = await merchant_b.client.execute(
        "query($f: ProductFilter) { products(first: 5, filter: $f) { nodes { name } } }",
        {"f": {"attributes": [choices("colour", "red")]}},
        storefront=bravo,
    )
    # then there is no such attribute there
    assert query_error(result) == ("NOT_FOUND", "attributes.0.attribute")


async def test_a_filter_with_too_many_choices_is_refused(store: Store) -> None:
    # when a visitor sends a huge list of choices for one attribute
    result = await store.listing(
        {"first": 5, "filter": {"attributes": [choices("colour", *["red"] * 101)]}}
    )
    # then it is refused at once, naming the list
    assert query_error(result) == ("INVALID", "attributes.0.choices")
    # and a repeated choice within the limit is simply the one choice
    repeated = await store.names(filter={"attributes": [choices("colour", *["red"] * 50)]})
    assert repeated == await store.names(filter={"attributes": [choices("colour", "red")]})


# --- search ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("wat", [JACKET, PACK, BOOT]),
        ("WATERPROOF", [JACKET, PACK, BOOT]),
        ("waterproof shell", [JACKET]),
        ("shell waterproof", [JACKET]),
        ("waterproof leather", [BOOT]),
        ("trail bo", [BOOT]),
        ("waterproof tent", []),
        ("fleece", [HAT]),
        ("waterproofing", []),
        ("polyester", [TENT]),
        ("nylon/polyester", [TENT]),
        ("2.5 kg", [TENT]),
        ("!!!", []),
        ("%", []),
        ("  -- ", []),
    ],
    ids=[
        "prefix",
        "any case",
        "all words",
        "any word order",
        "name and description",
        "two prefixes",
        "one word missing",
        "lower-case name",
        "longer than the word",
        "a word after a slash",
        "words around a slash",
        "a decimal",
        "punctuation",
        "wildcard",
        "dashes",
    ],
)
async def test_search_matches_every_word_as_a_prefix(
    store: Store, search: str, expected: list[str]
) -> None:
    # (the unpublished Glacier boot says "Waterproof" too: never listed)
    assert await store.names(search=search, sort=sort("NAME")) == expected


async def test_search_combines_with_a_category(store: Store) -> None:
    # the boot is in Outdoor > Footwear > Boots, the pack in Outdoor, the jacket in Apparel
    outdoor = {"categoryId": store.ids["outdoor"]}
    assert await store.names(search="wat", filter=outdoor, sort=sort("NAME")) == [PACK, BOOT]
    assert await store.names(search="wat", filter={"categoryId": store.ids["apparel"]}) == [JACKET]


async def test_search_combines_with_the_other_filters(store: Store) -> None:
    wanted = {"inStock": True, "priceMax": "100", "attributes": [choices("colour", "blue")]}
    assert await store.names(search="wat", filter=wanted) == [BOOT]


# --- facets ------------------------------------------------------------------------------------


def usd(amount: str) -> dict[str, str]:
    return {"amount": amount, "currencyCode": "USD"}


def values_by_attribute(facets: dict[str, Any]) -> dict[str, dict[Any, int]]:
    return {
        facet["attribute"]["slug"]: {
            (value["choice"]["slug"] if value["choice"] else value["boolean"]): value["count"]
            for value in facet["values"]
        }
        for facet in facets["attributes"]
    }


def categories(facets: dict[str, Any]) -> dict[str, int]:
    return {item["category"]["name"]: item["count"] for item in facets["categories"]}


async def test_facets_count_what_the_storefront_lists(store: Store) -> None:
    facets = await store.facets()
    # then the total is the number of listed products
    assert facets["total"] == 6 == len(await store.names())
    # each filterable attribute's values, in choice order, count listed products (the archived
    # L and the unpublished red Glacier boot do not count; material and season are no facets)
    assert [f["attribute"]["slug"] for f in facets["attributes"]] == [
        "colour",
        "size",
        "waterproof",
    ]
    assert values_by_attribute(facets) == {
        "colour": {"red": 1, "blue": 1, "green": 1},
        "size": {"s": 2, "m": 2},
        "waterproof": {True: 2, False: 1},
    }
    assert [v["choice"]["slug"] for v in facets["attributes"][0]["values"]] == [
        "red",
        "blue",
        "green",
    ]
    # categories count what is in them or below them
    assert categories(facets) == {"Apparel": 2, "Boots": 1, "Footwear": 1, "Outdoor": 4}
    # and prices fall in round buckets, each counting the products with a variant priced in it
    # (pack 90, boot 95, jacket 120 and 150, tent 120)
    assert facets["prices"] == [
        {"start": usd("80.00"), "stop": usd("100.00"), "count": 2},
        {"start": usd("120.00"), "stop": usd("140.00"), "count": 2},
        {"start": usd("140.00"), "stop": usd("160.00"), "count": 1},
    ]


async def test_facet_counts_reflect_the_current_filter(store: Store) -> None:
    wanted = {"attributes": [choices("colour", "red", "blue")]}
    facets = await store.facets(filter=wanted)
    assert facets["total"] == 2 == len(await store.names(filter=wanted))
    assert values_by_attribute(facets) == {
        # the filtered attribute counts as if it were not filtered: ticking green would add 1
        "colour": {"red": 1, "blue": 1, "green": 1},
        # the others count what the filter lists
        "size": {"s": 2, "m": 1},
        "waterproof": {True: 2},
    }
    assert categories(facets) == {"Apparel": 1, "Boots": 1, "Footwear": 1, "Outdoor": 1}
    assert facets["prices"] == [
        {"start": usd("80.00"), "stop": usd("100.00"), "count": 1},
        {"start": usd("120.00"), "stop": usd("140.00"), "count": 1},
        {"start": usd("140.00"), "stop": usd("160.00"), "count": 1},
    ]


async def test_each_filtered_attribute_counts_under_the_other_attributes_filters(
    store: Store,
) -> None:
    colour, size = choices("colour", "red", "blue"), choices("size", "m")
    facets = await store.facets(filter={"attributes": [colour, size]})
    counted = values_by_attribute(facets)
    # colour values count under the size filter alone, size values under the colour filter alone
    by_size = values_by_attribute(await store.facets(filter={"attributes": [size]}))
    by_colour = values_by_attribute(await store.facets(filter={"attributes": [colour]}))
    assert counted["colour"] == by_size["colour"]
    assert counted["size"] == by_colour["size"]
    # and picking a counted value lists exactly that many products
    for slug, count in counted["colour"].items():
        picked = {"attributes": [choices("colour", slug), size]}
        assert len(await store.names(filter=picked)) == count


@pytest.mark.parametrize(
    "variables",
    [
        {},
        {"search": "wat"},
        {"filter": {"categoryId": "outdoor"}},
        {"filter": {"inStock": True}},
        {"filter": {"priceMin": "95", "priceMax": "150"}},
        {"filter": {"attributes": [choices("size", "m")]}},
    ],
    ids=["everything", "search", "category", "in stock", "price range", "attribute"],
)
async def test_facet_totals_and_price_buckets_match_the_listing(
    store: Store, variables: dict[str, Any]
) -> None:
    if "categoryId" in variables.get("filter", {}):
        variables = {"filter": {"categoryId": store.ids["outdoor"]}}
    listed = await store.names(**variables)
    facets = await store.facets(**variables)
    assert facets["total"] == len(listed)
    # each price bucket counts what the listing shows when the visitor picks that bucket
    assert facets["prices"]
    for bucket in facets["prices"]:
        assert bucket["start"]["currencyCode"] == "USD"
        narrowed = {**variables.get("filter", {})}
        low, high = Decimal(bucket["start"]["amount"]), Decimal(bucket["stop"]["amount"])
        narrowed["priceMin"] = str(max(low, Decimal(narrowed.get("priceMin", low))))
        high = high - Decimal("0.01")
        narrowed["priceMax"] = str(min(high, Decimal(narrowed.get("priceMax", high))))
        assert bucket["count"] == len(await store.names(**{**variables, "filter": narrowed}))


async def test_facets_of_a_search(store: Store) -> None:
    facets = await store.facets(search="waterproof")
    assert facets["total"] == 3
    assert categories(facets) == {"Apparel": 1, "Boots": 1, "Footwear": 1, "Outdoor": 2}
    assert values_by_attribute(facets)["waterproof"] == {True: 2, False: 1}


async def test_market_facets_are_in_its_currency(store: Store) -> None:
    facets = await store.facets(on="market")
    assert facets["total"] == 2
    eur = [(b["start"]["currencyCode"], b["start"]["amount"], b["count"]) for b in facets["prices"]]
    assert eur == [("EUR", "100.00", 1), ("EUR", "200.00", 1)]


async def test_facet_filters_are_checked_like_the_listings(store: Store) -> None:
    result = await store.merchant.client.execute(
        "query($f: ProductFilter) { productFacets(filter: $f) { total } }",
        {"f": {"attributes": [choices("flavour", "x")]}},
        storefront=store.web,
    )
    assert query_error(result) == ("NOT_FOUND", "attributes.0.attribute")


# --- staff without a storefront ----------------------------------------------------------------

EVERY_PRODUCT = [JACKET, TENT, PACK, STOVE, HAT, "Glacier boot", "Old lantern", BOOT]


async def test_staff_without_a_storefront_filter_and_sort_the_whole_catalog(store: Store) -> None:
    # unpublished and archived products included
    assert await store.names(on=None, sort=sort("NAME")) == sorted(EVERY_PRODUCT, key=str.lower)
    assert (
        await store.names(
            on=None, sort=sort("NAME", "DESC"), filter={"attributes": [choices("colour", "red")]}
        )
        == [JACKET, "Glacier boot"][::-1]
    )
    assert await store.names(on=None, search="waterproof", sort=sort("NAME")) == [
        JACKET,
        PACK,
        "Glacier boot",
        BOOT,
    ]
    assert await walk_forward(store, {"sort": sort("NAME")}) == BY_NAME


async def test_staff_facets_without_a_storefront_count_everything_but_prices(store: Store) -> None:
    facets = await store.facets(on=None)
    assert facets["total"] == len(EVERY_PRODUCT)
    assert facets["prices"] == []
    assert values_by_attribute(facets)["colour"] == {"red": 2, "blue": 1, "green": 1}


@pytest.mark.parametrize(
    ("variables", "field"),
    [
        ({"sort": sort("PRICE")}, "sortBy"),
        ({"filter": {"priceMin": "10"}}, "priceMin"),
        ({"filter": {"priceMax": "10"}}, "priceMax"),
        ({"filter": {"inStock": True}}, "inStock"),
    ],
    ids=["price sort", "min price", "max price", "in stock"],
)
async def test_staff_need_a_storefront_for_prices_and_stock(
    store: Store, variables: dict[str, Any], field: str
) -> None:
    # without a storefront token there is no price or stock to go by
    result = await store.listing({"first": 10, **variables}, on=None)
    assert query_error(result) == ("INVALID", field)
    # with one, the same listing is that storefront's
    with_token = await store.merchant.run(
        "query($f: ProductFilter, $s: ProductSort) { products(filter: $f, sortBy: $s) { nodes { name } } }",
        {"f": variables.get("filter"), "s": variables.get("sort")},
        storefront=store.web,
    )
    assert with_token.errors == [], with_token.body


@pytest.mark.parametrize(
    ("category", "error"),
    [
        (encode_global_id("Category", uuid.uuid4()), ("NOT_FOUND", "categoryId")),
        ("not-an-id", ("INVALID_ID", "categoryId")),
    ],
    ids=["unknown", "malformed"],
)
async def test_a_category_filter_needs_a_category(
    store: Store, category: str, error: tuple[str, str]
) -> None:
    result = await store.listing({"first": 5, "filter": {"categoryId": category}})
    assert query_error(result) == error
