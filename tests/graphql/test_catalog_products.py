"""Products, variants, listings and prices as a merchant manages them (MANAGE_PRODUCTS)."""

from typing import Any

import pytest

from tests.support.actors import MerchantWorld, ok
from tests.support.catalog import (
    LISTING_SET,
    PRICE_SET,
    PRODUCT_ARCHIVE,
    PRODUCT_CREATE,
    PRODUCT_UPDATE,
    VARIANT_CREATE,
    VARIANT_UPDATE,
    Catalog,
)

PRODUCT = """
query($id: ID!) {
  product(id: $id) {
    id name slug descriptionHtml tags archivedAt
    metadata { key value } privateMetadata { key value }
    category { id }
    variants { id sku }
    listings { isPublished availableFrom storefront { id } }
  }
}
"""
VARIANT_PRICES = """
query($id: ID!) {
  node(id: $id) {
    ... on ProductVariant {
      sku
      prices {
        storefront { id }
        price { amount currencyCode }
        compareAtPrice { amount currencyCode }
        costPrice { amount currencyCode }
      }
    }
  }
}
"""


@pytest.fixture
def catalog(merchant_a: MerchantWorld) -> Catalog:
    return Catalog(merchant_a)


def errors_of(payload: dict[str, Any]) -> list[tuple[list[str] | None, str]]:
    return [(error["field"], error["code"]) for error in payload["userErrors"]]


async def read(merchant: MerchantWorld, product_id: str) -> dict[str, Any]:
    result = await merchant.run(PRODUCT, {"id": product_id})
    assert result.errors == [], result.body
    product: dict[str, Any] = result.data["product"]
    return product


async def create(merchant: MerchantWorld, **fields: Any) -> dict[str, Any]:
    result = await merchant.run(PRODUCT_CREATE, {"input": fields})
    payload: dict[str, Any] = result.data["productCreate"]
    return payload


# --- products ----------------------------------------------------------------------------------


async def test_a_product_needs_only_a_name_and_gets_a_slug_from_it(
    merchant_a: MerchantWorld,
) -> None:
    # when a product is created with a name only
    product = ok(await create(merchant_a, name="Trail Runner 2"))["product"]
    # then its slug is made from the name, and the rest is empty
    assert product["slug"] == "trail-runner-2"
    assert product["descriptionHtml"] == ""
    assert product["tags"] == [] and product["metadata"] == [] and product["privateMetadata"] == []
    assert product["category"] is None and product["archivedAt"] is None
    assert (await read(merchant_a, product["id"]))["slug"] == "trail-runner-2"


async def test_two_products_with_the_same_name_get_different_slugs(
    merchant_a: MerchantWorld,
) -> None:
    # given a product named "Trail Runner"
    first = ok(await create(merchant_a, name="Trail Runner"))["product"]
    # when a second and a third are created with the same name
    second = ok(await create(merchant_a, name="Trail Runner"))["product"]
    third = ok(await create(merchant_a, name="Trail Runner"))["product"]
    # then each gets its own slug, and each is readable
    slugs = [first["slug"], second["slug"], third["slug"]]
    assert slugs[0] == "trail-runner"
    assert len(set(slugs)) == 3
    assert all(slug.startswith("trail-runner") for slug in slugs)


async def test_a_product_with_a_taken_slug_is_a_duplicate(merchant_a: MerchantWorld) -> None:
    # given a product with the slug "runner"
    ok(await create(merchant_a, name="Trail Runner", slug="runner"))
    # when another product asks for the slug explicitly
    payload = await create(merchant_a, name="Road Runner", slug="runner")
    # then it is refused on the slug, and nothing is created
    assert payload["product"] is None
    assert errors_of(payload) == [(["slug"], "DUPLICATE")]
    staff_list = await merchant_a.run("{ products(first: 10) { nodes { name } } }")
    assert staff_list.data["products"]["nodes"] == [{"name": "Trail Runner"}]


async def test_an_update_to_a_taken_slug_is_a_duplicate(
    merchant_a: MerchantWorld, catalog: Catalog
) -> None:
    # given two products
    await catalog.product("Trail Runner", slug="trail")
    road = await catalog.product("Road Runner", slug="road")
    # when the second takes the first one's slug
    result = await merchant_a.run(PRODUCT_UPDATE, {"id": road, "input": {"slug": "trail"}})
    # then it is refused and keeps its own
    assert errors_of(result.data["productUpdate"]) == [(["slug"], "DUPLICATE")]
    assert (await read(merchant_a, road))["slug"] == "road"


async def test_a_product_description_is_sanitised_but_keeps_its_formatting(
    merchant_a: MerchantWorld,
) -> None:
    # given a description with formatting and with every kind of executable content
    html = (
        "<p>Light <strong>and</strong> <em>fast</em></p>"
        "<ul><li>Grippy</li></ul>"
        "<script>alert('owned')</script>"
        '<p onclick="steal()">Tap</p>'
        '<img src="x" onerror="steal()">'
        '<a href="javascript:steal()">bad link</a>'
        '<a href="https://example.com/size-guide">Size guide</a>'
    )
    # when the product is created with it
    product = ok(await create(merchant_a, name="Runner", descriptionHtml=html))["product"]
    # then the stored description keeps the formatting and loses everything executable
    stored = (await read(merchant_a, product["id"]))["descriptionHtml"]
    assert stored == product["descriptionHtml"]
    for kept in ("<p>Light <strong>and</strong> <em>fast</em></p>", "<li>Grippy</li>", "Tap"):
        assert kept in stored
    assert 'href="https://example.com/size-guide"' in stored
    for dropped in ("<script", "alert(", "onclick", "onerror", "javascript:", "steal()"):
        assert dropped not in stored.lower()


async def test_a_description_update_is_sanitised_too(
    merchant_a: MerchantWorld, catalog: Catalog
) -> None:
    product_id = await catalog.product("Runner", descriptionHtml="<p>Fine</p>")
    result = await merchant_a.run(
        PRODUCT_UPDATE,
        {"id": product_id, "input": {"descriptionHtml": '<p onmouseover="x()">Hi</p><script>x()'}},
    )
    html = ok(result.data["productUpdate"])["product"]["descriptionHtml"]
    assert html == "<p>Hi</p>"


async def test_tags_are_trimmed_lower_cased_deduplicated_and_sorted(
    merchant_a: MerchantWorld,
) -> None:
    payload = await create(merchant_a, name="Runner", tags=[" Trail ", "SALE", "trail", "new"])
    assert ok(payload)["product"]["tags"] == ["new", "sale", "trail"]


async def test_an_empty_tag_is_refused(merchant_a: MerchantWorld) -> None:
    payload = await create(merchant_a, name="Runner", tags=["ok", "  "])
    assert errors_of(payload) == [(["tags"], "REQUIRED")]


async def test_metadata_and_private_metadata_are_stored_apart(
    merchant_a: MerchantWorld, catalog: Catalog
) -> None:
    # when a product gets public and private key-values
    product_id = await catalog.product(
        "Runner",
        metadata=[{"key": "material", "value": "mesh"}, {"key": "fit", "value": "narrow"}],
        privateMetadata=[{"key": "supplier", "value": "ACME-42"}],
    )
    # then staff read both, keys sorted
    product = await read(merchant_a, product_id)
    assert product["metadata"] == [
        {"key": "fit", "value": "narrow"},
        {"key": "material", "value": "mesh"},
    ]
    assert product["privateMetadata"] == [{"key": "supplier", "value": "ACME-42"}]
    # and an update of one replaces it and leaves the other alone
    result = await merchant_a.run(
        PRODUCT_UPDATE, {"id": product_id, "input": {"metadata": [{"key": "fit", "value": "wide"}]}}
    )
    ok(result.data["productUpdate"])
    product = await read(merchant_a, product_id)
    assert product["metadata"] == [{"key": "fit", "value": "wide"}]
    assert product["privateMetadata"] == [{"key": "supplier", "value": "ACME-42"}]


async def test_a_product_category_is_set_changed_and_removed(
    merchant_a: MerchantWorld, catalog: Catalog
) -> None:
    # given two categories and a product in the first
    shoes = await catalog.category("Shoes")
    boots = await catalog.category("Boots")
    product_id = await catalog.product("Runner", categoryId=shoes)
    assert (await read(merchant_a, product_id))["category"] == {"id": shoes}
    # when the category changes
    changed = await merchant_a.run(
        PRODUCT_UPDATE, {"id": product_id, "input": {"categoryId": boots}}
    )
    # then the product is in the second
    assert ok(changed.data["productUpdate"])["product"]["category"] == {"id": boots}
    assert (await read(merchant_a, product_id))["category"] == {"id": boots}
    # and an update that does not mention the category leaves it
    renamed = await merchant_a.run(PRODUCT_UPDATE, {"id": product_id, "input": {"name": "Shoe"}})
    assert ok(renamed.data["productUpdate"])["product"]["category"] == {"id": boots}
    # when the category is set to null, the product has none
    removed = await merchant_a.run(
        PRODUCT_UPDATE, {"id": product_id, "input": {"categoryId": None}}
    )
    assert ok(removed.data["productUpdate"])["product"]["category"] is None
    assert (await read(merchant_a, product_id))["category"] is None


async def test_an_unknown_category_is_a_not_found_user_error(
    merchant_a: MerchantWorld, merchant_b: MerchantWorld, catalog: Catalog
) -> None:
    # given a category of another merchant (unknown to this one) and a product
    foreign = await Catalog(merchant_b).category("Foreign")
    shoes = await catalog.category("Shoes")
    product_id = await catalog.product("Runner", categoryId=shoes)
    # when a product is created, or updated, with that category
    created = await create(merchant_a, name="Boot", categoryId=foreign)
    updated = await merchant_a.run(
        PRODUCT_UPDATE, {"id": product_id, "input": {"categoryId": foreign}}
    )
    # then both are refused on categoryId, and nothing changes
    assert errors_of(created) == [(["categoryId"], "NOT_FOUND")]
    assert errors_of(updated.data["productUpdate"]) == [(["categoryId"], "NOT_FOUND")]
    assert (await read(merchant_a, product_id))["category"] == {"id": shoes}


async def test_an_archived_product_is_kept_for_staff_and_can_no_longer_change(
    merchant_a: MerchantWorld, catalog: Catalog
) -> None:
    # given a product
    product_id = await catalog.product("Runner")
    # when it is archived
    result = await merchant_a.run(PRODUCT_ARCHIVE, {"id": product_id})
    archived_at = ok(result.data["productArchive"])["product"]["archivedAt"]
    # then staff still read it, marked archived
    assert archived_at is not None
    assert (await read(merchant_a, product_id))["archivedAt"] == archived_at
    staff_list = await merchant_a.run("{ products(first: 10) { nodes { id archivedAt } } }")
    assert staff_list.data["products"]["nodes"] == [{"id": product_id, "archivedAt": archived_at}]
    # and updating or archiving it again is an invalid state
    update = await merchant_a.run(PRODUCT_UPDATE, {"id": product_id, "input": {"name": "Shoe"}})
    again = await merchant_a.run(PRODUCT_ARCHIVE, {"id": product_id})
    assert errors_of(update.data["productUpdate"]) == [(["id"], "INVALID_STATE")]
    assert errors_of(again.data["productArchive"]) == [(["id"], "INVALID_STATE")]
    assert (await read(merchant_a, product_id))["name"] == "Runner"


# --- variants ----------------------------------------------------------------------------------


async def create_variant(merchant: MerchantWorld, product_id: str, **fields: Any) -> dict[str, Any]:
    result = await merchant.run(VARIANT_CREATE, {"product": product_id, "input": fields})
    payload: dict[str, Any] = result.data["productVariantCreate"]
    return payload


async def test_a_variant_is_created_with_its_fields(
    merchant_a: MerchantWorld, catalog: Catalog
) -> None:
    product_id = await catalog.product("Runner")
    payload = await create_variant(
        merchant_a, product_id, sku="RUN-42", name="42 / Blue", weightGrams=0, purchaseLimit=2
    )
    variant = ok(payload)["variant"]
    assert (variant["sku"], variant["name"], variant["weightGrams"], variant["purchaseLimit"]) == (
        "RUN-42",
        "42 / Blue",
        0,
        2,
    )
    assert (await read(merchant_a, product_id))["variants"] == [
        {"id": variant["id"], "sku": "RUN-42"}
    ]


async def test_a_variant_needs_a_sku(merchant_a: MerchantWorld, catalog: Catalog) -> None:
    product_id = await catalog.product("Runner")
    missing = await create_variant(merchant_a, product_id, name="42")
    blank = await create_variant(merchant_a, product_id, sku="   ")
    assert errors_of(missing) == [(["sku"], "REQUIRED")]
    assert errors_of(blank) == [(["sku"], "REQUIRED")]
    assert (await read(merchant_a, product_id))["variants"] == []


async def test_a_sku_is_unique_within_the_merchant(
    merchant_a: MerchantWorld, catalog: Catalog
) -> None:
    # given a variant with SKU RUN-42 on one product
    runner = await catalog.product("Runner")
    boot = await catalog.product("Boot")
    await catalog.variant(runner, "RUN-42")
    # when a variant of another product takes the same SKU
    payload = await create_variant(merchant_a, boot, sku="RUN-42")
    # then it is refused on the sku
    assert payload["variant"] is None
    assert errors_of(payload) == [(["sku"], "DUPLICATE")]
    assert (await read(merchant_a, boot))["variants"] == []


async def test_an_update_to_a_taken_sku_is_a_duplicate(
    merchant_a: MerchantWorld, catalog: Catalog
) -> None:
    runner = await catalog.product("Runner")
    await catalog.variant(runner, "RUN-42")
    other = await catalog.variant(runner, "RUN-43")
    result = await merchant_a.run(VARIANT_UPDATE, {"id": other, "input": {"sku": "RUN-42"}})
    assert errors_of(result.data["productVariantUpdate"]) == [(["sku"], "DUPLICATE")]
    skus = [v["sku"] for v in (await read(merchant_a, runner))["variants"]]
    assert sorted(skus) == ["RUN-42", "RUN-43"]


async def test_an_archived_variant_keeps_its_sku_taken(
    merchant_a: MerchantWorld, catalog: Catalog
) -> None:
    runner = await catalog.product("Runner")
    await catalog.archive_variant(await catalog.variant(runner, "RUN-42"))
    payload = await create_variant(merchant_a, runner, sku="RUN-42")
    assert errors_of(payload) == [(["sku"], "DUPLICATE")]


async def test_two_merchants_may_use_the_same_sku(
    merchant_a: MerchantWorld, merchant_b: MerchantWorld
) -> None:
    # given alpha's variant RUN-42
    await Catalog(merchant_a).variant(await Catalog(merchant_a).product("Runner"), "RUN-42")
    # when bravo creates its own RUN-42
    bravo_product = await Catalog(merchant_b).product("Runner")
    payload = await create_variant(merchant_b, bravo_product, sku="RUN-42")
    # then it is created
    assert ok(payload)["variant"]["sku"] == "RUN-42"


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"weightGrams": -1}, "weightGrams"),
        ({"purchaseLimit": 0}, "purchaseLimit"),
        ({"purchaseLimit": -3}, "purchaseLimit"),
    ],
)
async def test_a_variant_with_an_impossible_number_is_refused_naming_the_field(
    merchant_a: MerchantWorld, catalog: Catalog, fields: dict[str, int], field: str
) -> None:
    # given a product with a variant
    product_id = await catalog.product("Runner")
    existing = await catalog.variant(product_id, "RUN-41", weightGrams=300, purchaseLimit=5)
    # when a variant is created, or the existing one updated, with the number
    created = await create_variant(merchant_a, product_id, sku="RUN-42", **fields)
    updated = await merchant_a.run(VARIANT_UPDATE, {"id": existing, "input": fields})
    # then both are refused naming the field, and nothing changes
    assert errors_of(created) == [([field], "INVALID")]
    assert errors_of(updated.data["productVariantUpdate"]) == [([field], "INVALID")]
    assert (await read(merchant_a, product_id))["variants"] == [{"id": existing, "sku": "RUN-41"}]
    stored = await merchant_a.run(
        "query($id: ID!) { node(id: $id) { ... on ProductVariant { weightGrams purchaseLimit } } }",
        {"id": existing},
    )
    assert stored.data["node"] == {"weightGrams": 300, "purchaseLimit": 5}


async def test_archived_variants_drop_out_of_the_product_variants(
    merchant_a: MerchantWorld, catalog: Catalog
) -> None:
    # given a product with two variants
    product_id = await catalog.product("Runner")
    small = await catalog.variant(product_id, "RUN-41")
    large = await catalog.variant(product_id, "RUN-42")
    # when one is archived
    await catalog.archive_variant(small)
    # then only the other is listed
    assert (await read(merchant_a, product_id))["variants"] == [{"id": large, "sku": "RUN-42"}]
    # and the archived one can no longer change
    result = await merchant_a.run(VARIANT_UPDATE, {"id": small, "input": {"name": "x"}})
    assert errors_of(result.data["productVariantUpdate"]) == [(["id"], "INVALID_STATE")]


async def test_a_variant_cannot_be_added_to_an_unknown_or_archived_product(
    merchant_a: MerchantWorld, merchant_b: MerchantWorld, catalog: Catalog
) -> None:
    # given an archived product and another merchant's product
    archived = await catalog.product("Old runner")
    await catalog.archive_product(archived)
    foreign = await Catalog(merchant_b).product("Foreign runner")
    # when variants are added to them
    on_archived = await create_variant(merchant_a, archived, sku="OLD-1")
    on_foreign = await create_variant(merchant_a, foreign, sku="FOR-1")
    # then both are refused on productId
    assert errors_of(on_archived) == [(["productId"], "INVALID_STATE")]
    assert errors_of(on_foreign) == [(["productId"], "NOT_FOUND")]
    assert (await read(merchant_a, archived))["variants"] == []


# --- listings and prices -----------------------------------------------------------------------


async def test_a_listing_publishes_a_product_on_a_storefront_from_a_date(
    merchant_a: MerchantWorld, catalog: Catalog
) -> None:
    # given a product and a storefront
    storefront_id, _ = await merchant_a.storefront("Web", "USD")
    product_id = await catalog.product("Runner")
    # when it is published there from a future date
    result = await merchant_a.run(
        LISTING_SET,
        {
            "product": product_id,
            "storefront": storefront_id,
            "published": True,
            "from": "2099-01-01T00:00:00+00:00",
        },
    )
    # then the listing says so, and staff see it on the product
    listing = ok(result.data["productListingSet"])["listing"]
    assert listing["isPublished"] is True
    assert listing["availableFrom"].startswith("2099-01-01T00:00:00")
    assert (await read(merchant_a, product_id))["listings"] == [listing]


async def test_an_availability_date_without_a_time_zone_is_a_user_error(
    merchant_a: MerchantWorld, catalog: Catalog
) -> None:
    # given a product published on a storefront
    storefront_id, _ = await merchant_a.storefront("Web", "USD")
    product_id = await catalog.product("Runner")
    await catalog.publish(product_id, storefront_id)
    # when its availability is set to a time with no zone
    result = await merchant_a.run(
        LISTING_SET,
        {
            "product": product_id,
            "storefront": storefront_id,
            "published": True,
            "from": "2099-01-01T00:00:00",
        },
    )
    # then the date is refused (not an internal error) and the listing stays as it was
    assert result.errors == [], result.body
    assert errors_of(result.data["productListingSet"]) == [(["availableFrom"], "INVALID")]
    listings = (await read(merchant_a, product_id))["listings"]
    assert [(x["isPublished"], x["availableFrom"]) for x in listings] == [(True, None)]


async def test_a_listing_on_an_unknown_storefront_is_a_user_error(
    merchant_a: MerchantWorld, merchant_b: MerchantWorld, catalog: Catalog
) -> None:
    foreign, _ = await merchant_b.storefront("Bravo", "USD")
    product_id = await catalog.product("Runner")
    result = await merchant_a.run(
        LISTING_SET, {"product": product_id, "storefront": foreign, "published": True}
    )
    assert errors_of(result.data["productListingSet"]) == [(["storefrontId"], "NOT_FOUND")]
    assert (await read(merchant_a, product_id))["listings"] == []


async def test_a_listing_is_set_again_not_duplicated(
    merchant_a: MerchantWorld, catalog: Catalog
) -> None:
    storefront_id, _ = await merchant_a.storefront("Web", "USD")
    product_id = await catalog.product("Runner")
    await catalog.publish(product_id, storefront_id)
    result = await merchant_a.run(
        LISTING_SET, {"product": product_id, "storefront": storefront_id, "published": False}
    )
    ok(result.data["productListingSet"])
    listings = (await read(merchant_a, product_id))["listings"]
    assert [(x["isPublished"], x["storefront"]["id"]) for x in listings] == [(False, storefront_id)]


async def set_price(
    merchant: MerchantWorld, variant_id: str, storefront_id: str, **prices: str
) -> dict[str, Any]:
    result = await merchant.run(
        PRICE_SET, {"variant": variant_id, "storefront": storefront_id, "input": prices}
    )
    payload: dict[str, Any] = result.data["productVariantPriceSet"]
    return payload


async def stored_prices(merchant: MerchantWorld, variant_id: str) -> list[dict[str, Any]]:
    result = await merchant.run(VARIANT_PRICES, {"id": variant_id})
    prices: list[dict[str, Any]] = result.data["node"]["prices"]
    return prices


async def test_a_price_is_stored_in_the_storefront_currency_and_read_back_as_money(
    merchant_a: MerchantWorld, catalog: Catalog
) -> None:
    # given a USD storefront and a variant
    storefront_id, _ = await merchant_a.storefront("Web", "USD")
    variant_id = await catalog.variant(await catalog.product("Runner"), "RUN-42")
    # when its prices are set as decimal strings
    payload = await set_price(
        merchant_a,
        variant_id,
        storefront_id,
        price="129.90",
        compareAtPrice="149",
        costPrice="61.5",
    )
    # then they come back as Money in USD, with the currency's two digits
    expected = {
        "price": {"amount": "129.90", "currencyCode": "USD"},
        "compareAtPrice": {"amount": "149.00", "currencyCode": "USD"},
        "costPrice": {"amount": "61.50", "currencyCode": "USD"},
    }
    assert ok(payload)["price"] == expected
    assert await stored_prices(merchant_a, variant_id) == [
        {"storefront": {"id": storefront_id}, **expected}
    ]


async def test_a_price_set_again_replaces_the_previous_one(
    merchant_a: MerchantWorld, catalog: Catalog
) -> None:
    storefront_id, _ = await merchant_a.storefront("Web", "USD")
    variant_id = await catalog.variant(await catalog.product("Runner"), "RUN-42")
    await catalog.price(variant_id, storefront_id, "10.00", compareAtPrice="12.00")
    ok(await set_price(merchant_a, variant_id, storefront_id, price="9.99", currency="usd"))
    prices = await stored_prices(merchant_a, variant_id)
    assert [(p["price"]["amount"], p["compareAtPrice"]) for p in prices] == [("9.99", None)]


async def test_a_yen_price_has_no_fraction_digits(
    merchant_a: MerchantWorld, catalog: Catalog
) -> None:
    storefront_id, _ = await merchant_a.storefront("Tokyo", "JPY")
    variant_id = await catalog.variant(await catalog.product("Runner"), "RUN-42")
    payload = await set_price(merchant_a, variant_id, storefront_id, price="15000")
    assert ok(payload)["price"]["price"] == {"amount": "15000", "currencyCode": "JPY"}


@pytest.mark.parametrize(
    ("currency", "prices", "field"),
    [
        ("USD", {"price": "-1.00"}, "price"),
        ("USD", {"price": "1.234"}, "price"),
        ("USD", {"price": "ten"}, "price"),
        ("JPY", {"price": "1.5"}, "price"),
        ("USD", {"price": "10.00", "compareAtPrice": "-5"}, "compareAtPrice"),
        ("USD", {"price": "10.00", "costPrice": "4.001"}, "costPrice"),
        ("USD", {"price": "10.00", "currency": "EUR"}, "currency"),
        ("JPY", {"price": "1500", "currency": "USD"}, "currency"),
    ],
)
async def test_an_impossible_price_is_refused_naming_the_field_and_nothing_changes(
    merchant_a: MerchantWorld,
    catalog: Catalog,
    currency: str,
    prices: dict[str, str],
    field: str,
) -> None:
    # given a variant priced in a storefront
    storefront_id, _ = await merchant_a.storefront("Shop", currency)
    variant_id = await catalog.variant(await catalog.product("Runner"), "RUN-42")
    await catalog.price(variant_id, storefront_id, "100")
    before = await stored_prices(merchant_a, variant_id)
    # when the price is set to the impossible value
    payload = await set_price(merchant_a, variant_id, storefront_id, **prices)
    # then it is refused naming the field, and the old price stands
    assert payload["price"] is None
    assert [error["field"] for error in payload["userErrors"]] == [[field]]
    assert await stored_prices(merchant_a, variant_id) == before


async def test_each_storefront_keeps_its_own_price_in_its_own_currency(
    merchant_a: MerchantWorld, catalog: Catalog
) -> None:
    # given a USD and a EUR storefront
    usd, _ = await merchant_a.storefront("Web", "USD")
    eur, _ = await merchant_a.storefront("Marketplace", "EUR")
    variant_id = await catalog.variant(await catalog.product("Runner"), "RUN-42")
    # when the variant is priced in both
    await catalog.price(variant_id, usd, "20.00")
    await catalog.price(variant_id, eur, "18.50")
    # then each price is kept in its storefront's currency
    prices = {
        p["storefront"]["id"]: p["price"] for p in await stored_prices(merchant_a, variant_id)
    }
    assert prices == {
        usd: {"amount": "20.00", "currencyCode": "USD"},
        eur: {"amount": "18.50", "currencyCode": "EUR"},
    }
