"""productBulkCreate: a catalog import in one call, batched, with per-item errors or atomic."""

from typing import Any

from starlette.applications import Starlette

from tests.graphql.test_catalog_inventory import link, warehouse
from tests.support.actors import MerchantWorld
from tests.support.catalog import Catalog
from tests.support.statements import recorded_statements

BULK = """
mutation($products: [ProductBulkInput!]!, $atomic: Boolean) {
  productBulkCreate(products: $products, atomic: $atomic) {
    products { id name slug variants { sku name } }
    count
    userErrors { field message code }
  }
}
"""
LISTING = """
query($after: String) {
  products(first: 100, after: $after, filter: {inStock: true}) {
    nodes { slug variants { sku price { amount currencyCode } quantityAvailable } }
    pageInfo { hasNextPage endCursor }
  }
}
"""


def item(number: int, storefronts: list[str], depot: str, variants: int = 4) -> dict[str, Any]:
    return {
        "name": f"Import {number:03}",
        "descriptionHtml": "<p>Imported <script>alert(1)</script></p>",
        "tags": ["import"],
        "variants": [
            {
                "sku": f"IMP-{number:03}-{size}",
                "prices": [
                    {"storefrontId": storefront, "price": f"{10 + number}.{size}0"}
                    for storefront in storefronts
                ],
                "stocks": [{"warehouseId": depot, "quantity": 5}],
            }
            for size in range(variants)
        ],
        "listings": [{"storefrontId": storefront} for storefront in storefronts],
    }


async def run_bulk(merchant: MerchantWorld, products: list[Any], atomic: bool = False) -> Any:
    result = await merchant.run(BULK, {"products": products, "atomic": atomic})
    assert result.errors == [], result.body
    return result.data["productBulkCreate"]


async def listed(merchant: MerchantWorld, token: str) -> list[dict[str, Any]]:
    nodes: list[dict[str, Any]] = []
    after = None
    while True:
        result = await merchant.client.execute(LISTING, {"after": after}, storefront=token)
        page = result.data["products"]
        nodes += page["nodes"]
        if not page["pageInfo"]["hasNextPage"]:
            return nodes
        after = page["pageInfo"]["endCursor"]


async def test_a_thousand_variants_arrive_in_one_call_with_a_bounded_number_of_statements(
    app: Starlette, merchant_a: MerchantWorld
) -> None:
    # given two storefronts selling from one warehouse
    web_id, web = await merchant_a.storefront("Web", "USD")
    market_id, _ = await merchant_a.storefront("Marketplace", "EUR")
    depot = await warehouse(merchant_a, "Depot")
    await link(merchant_a, web_id, [depot])
    products = [item(number, [web_id, market_id], depot) for number in range(250)]
    # when the merchant imports 250 products with 4 variants each, priced in both storefronts
    engine = app.state.agora.database.engine.sync_engine
    with recorded_statements(engine) as statements:
        payload = await run_bulk(merchant_a, products)
    # then every product is created, in the order given
    assert payload["userErrors"] == []
    assert payload["count"] == 250
    assert [p["name"] for p in payload["products"]] == [f"Import {n:03}" for n in range(250)]
    # and the writes were batched: the statement count does not grow with the item count
    assert len(statements) < 60, len(statements)
    # and a web visitor finds them all, priced in USD, in stock
    shown = await listed(merchant_a, web)
    assert len(shown) == 250
    first = next(p for p in shown if p["slug"] == "import-000")
    assert [v["sku"] for v in first["variants"]] == [f"IMP-000-{n}" for n in range(4)]
    assert first["variants"][1]["price"] == {"amount": "10.10", "currencyCode": "USD"}
    assert first["variants"][1]["quantityAvailable"] == 5


async def test_items_with_errors_are_reported_by_path_and_the_others_are_created(
    merchant_a: MerchantWorld,
) -> None:
    web_id, web = await merchant_a.storefront("Web", "USD")
    depot = await warehouse(merchant_a, "Depot")
    await link(merchant_a, web_id, [depot])
    catalog = Catalog(merchant_a)
    existing = await catalog.product("Existing")
    await catalog.variant(existing, "TAKEN-SKU")
    good = item(1, [web_id], depot, variants=1)
    taken_sku = item(2, [web_id], depot, variants=1)
    taken_sku["variants"][0]["sku"] = "TAKEN-SKU"
    negative = item(3, [web_id], depot, variants=2)
    negative["variants"][1]["prices"][0]["price"] = "-1.00"
    twice = item(4, [web_id], depot, variants=1)
    twice["variants"].append(dict(twice["variants"][0]))
    unknown_category = {**item(5, [web_id], depot, variants=1), "categoryId": existing}
    # when one import holds a good item and four bad ones
    payload = await run_bulk(merchant_a, [good, taken_sku, negative, twice, unknown_category])
    # then each bad item is named by its path, and only the good one is created
    assert [(".".join(e["field"]), e["code"]) for e in payload["userErrors"]] == [
        ("products.1.variants.0.sku", "DUPLICATE"),
        ("products.2.variants.1.prices.0.price", "INVALID"),
        ("products.3.variants.1.sku", "DUPLICATE"),
        ("products.4.categoryId", "INVALID_ID"),
    ]
    assert payload["count"] == 1
    assert [p and p["slug"] for p in payload["products"]] == ["import-001", None, None, None, None]
    assert [p["slug"] for p in await listed(merchant_a, web)] == ["import-001"]


async def test_an_atomic_import_with_one_bad_item_creates_nothing(
    merchant_a: MerchantWorld,
) -> None:
    web_id, _ = await merchant_a.storefront("Web", "USD")
    depot = await warehouse(merchant_a, "Depot")
    bad = item(2, [web_id], depot, variants=1)
    bad["variants"][0]["prices"][0]["price"] = "ten"
    # when an all-or-nothing import holds one bad item
    payload = await run_bulk(merchant_a, [item(1, [web_id], depot), bad], atomic=True)
    # then it reports the error and creates nothing at all
    assert [".".join(e["field"]) for e in payload["userErrors"]] == [
        "products.1.variants.0.prices.0.price"
    ]
    assert payload["count"] == 0
    assert payload["products"] == [None, None]
    staff_view = await merchant_a.run("{ products(first: 10) { nodes { id } } }")
    assert staff_view.data["products"]["nodes"] == []


async def test_products_of_one_name_get_distinct_slugs_and_an_explicit_duplicate_is_refused(
    merchant_a: MerchantWorld,
) -> None:
    await Catalog(merchant_a).product("Tee", slug="tee")
    payload = await run_bulk(
        merchant_a, [{"name": "Tee"}, {"name": "Tee"}, {"name": "Other", "slug": "tee"}]
    )
    assert [p and p["slug"] for p in payload["products"]] == ["tee-2", "tee-3", None]
    assert [(".".join(e["field"]), e["code"]) for e in payload["userErrors"]] == [
        ("products.2.slug", "DUPLICATE")
    ]


async def test_imported_variants_are_defined_by_their_attribute_values(
    merchant_a: MerchantWorld,
) -> None:
    catalog = Catalog(merchant_a)
    size = await catalog.attribute("Size", "SINGLE_SELECT", ["S", "M"])
    tee = await catalog.product_type("T-shirt", variant_attributes=[size])
    variants = [
        {"sku": "TEE-S", "attributes": [{"attributeId": size, "choices": ["s"]}]},
        {"sku": "TEE-M", "attributes": [{"attributeId": size, "choices": ["m"]}]},
    ]
    twin = [
        {"sku": f"TWIN-{n}", "attributes": [{"attributeId": size, "choices": ["m"]}]}
        for n in range(3)
    ]
    missing = [{"sku": "TEE-X"}]
    # when a batch holds a good product, one with two variants alike, one lacking a value
    payload = await run_bulk(
        merchant_a,
        [
            {"name": "Tee", "productTypeId": tee, "variants": variants},
            {"name": "Twin", "productTypeId": tee, "variants": twin},
            {"name": "Bare", "productTypeId": tee, "variants": missing},
        ],
    )
    # then variants are named after their values, and a repeated or missing value is refused
    assert payload["products"][0]["variants"] == [
        {"sku": "TEE-S", "name": "S"},
        {"sku": "TEE-M", "name": "M"},
    ]
    assert [(".".join(e["field"]), e["code"]) for e in payload["userErrors"]] == [
        ("products.1.variants.1.attributes", "DUPLICATE"),
        ("products.2.variants.0.attributes", "REQUIRED"),
    ]


async def test_too_many_items_are_refused_before_anything_is_written(
    merchant_a: MerchantWorld,
) -> None:
    payload = await run_bulk(merchant_a, [{"name": f"P{n}"} for n in range(501)])
    assert [(".".join(e["field"]), e["code"]) for e in payload["userErrors"]] == [
        ("products", "INVALID")
    ]
    assert payload["count"] is None


BULK_UPDATE = """
mutation($products: [ProductBulkUpdateInput!]!, $atomic: Boolean) {
  productBulkUpdate(products: $products, atomic: $atomic) {
    products { id name variants { sku weightGrams } }
    count
    userErrors { field message code }
  }
}
"""
PRICES_AND_STOCK = """
{
  products(first: 10) {
    nodes { name variants { sku price { amount } quantityAvailable } }
  }
}
"""


async def two_products(merchant: MerchantWorld) -> dict[str, str]:
    """Two imported products with two variants each, priced and stocked on a web storefront."""
    web_id, web = await merchant.storefront("Web", "USD")
    depot = await warehouse(merchant, "Depot")
    await link(merchant, web_id, [depot])
    payload = await run_bulk(merchant, [item(n, [web_id], depot, variants=2) for n in (1, 2)])
    ids = {"web": web_id, "token": web, "depot": depot}
    for product in payload["products"]:
        ids[product["slug"]] = product["id"]
    listing = await merchant.run("{ products(first: 10) { nodes { slug variants { id sku } } } }")
    for product in listing.data["products"]["nodes"]:
        for variant in product["variants"]:
            ids[variant["sku"]] = variant["id"]
    return ids


async def run_update(merchant: MerchantWorld, products: list[Any], atomic: bool = False) -> Any:
    result = await merchant.run(BULK_UPDATE, {"products": products, "atomic": atomic})
    assert result.errors == [], result.body
    return result.data["productBulkUpdate"]


async def shown(merchant: MerchantWorld, token: str) -> dict[str, Any]:
    result = await merchant.client.execute(PRICES_AND_STOCK, storefront=token)
    return {
        v["sku"]: (p["name"], v["price"]["amount"], v["quantityAvailable"])
        for p in result.data["products"]["nodes"]
        for v in p["variants"]
    }


async def test_many_products_change_names_prices_and_stock_in_one_call(
    merchant_a: MerchantWorld,
) -> None:
    ids = await two_products(merchant_a)
    # when the merchant renames both products and reprices and restocks one variant of each
    payload = await run_update(
        merchant_a,
        [
            {
                "id": ids[f"import-00{n}"],
                "name": f"Renamed {n}",
                "variants": [
                    {
                        "id": ids[f"IMP-00{n}-0"],
                        "weightGrams": 250,
                        "prices": [{"storefrontId": ids["web"], "price": "5.00"}],
                        "stocks": [{"warehouseId": ids["depot"], "quantity": 9}],
                    }
                ],
            }
            for n in (1, 2)
        ],
    )
    # then both changed, and visitors see the new names, prices and stock
    assert payload["userErrors"] == [] and payload["count"] == 2
    assert [p["name"] for p in payload["products"]] == ["Renamed 1", "Renamed 2"]
    assert await shown(merchant_a, ids["token"]) == {
        "IMP-001-0": ("Renamed 1", "5.00", 9),
        "IMP-001-1": ("Renamed 1", "11.10", 5),
        "IMP-002-0": ("Renamed 2", "5.00", 9),
        "IMP-002-1": ("Renamed 2", "12.10", 5),
    }


async def test_an_item_with_an_error_is_left_unchanged_and_the_others_change(
    merchant_a: MerchantWorld, merchant_b: MerchantWorld
) -> None:
    ids = await two_products(merchant_a)
    others = await Catalog(merchant_b).product("B's product")
    before = await shown(merchant_a, ids["token"])
    payload = await run_update(
        merchant_a,
        [
            # a good change
            {"id": ids["import-001"], "name": "Renamed"},
            # a good name, but a price that is not one: the whole item stays as it was
            {
                "id": ids["import-002"],
                "name": "Never",
                "variants": [
                    {
                        "id": ids["IMP-002-0"],
                        "prices": [{"storefrontId": ids["web"], "price": "-3"}],
                    }
                ],
            },
            # another product's variant, a taken SKU, another merchant's product
            {"id": ids["import-002"], "variants": [{"id": ids["IMP-001-0"], "weightGrams": 1}]},
            {"id": ids["import-002"], "variants": [{"id": ids["IMP-002-0"], "sku": "IMP-001-1"}]},
            {"id": others, "name": "Hijacked"},
        ],
    )
    assert [(".".join(e["field"]), e["code"]) for e in payload["userErrors"]] == [
        ("products.1.variants.0.prices.0.price", "INVALID"),
        ("products.2.variants.0.id", "NOT_FOUND"),
        ("products.3.variants.0.sku", "DUPLICATE"),
        ("products.4.id", "NOT_FOUND"),
    ]
    assert payload["count"] == 1
    after = await shown(merchant_a, ids["token"])
    assert after == {
        sku: ("Renamed" if sku.startswith("IMP-001") else name, price, stock)
        for sku, (name, price, stock) in before.items()
    }
    b_view = await merchant_b.run("{ products(first: 5) { nodes { name } } }")
    assert b_view.data["products"]["nodes"] == [{"name": "B's product"}]


async def test_an_atomic_update_with_one_bad_item_changes_nothing(
    merchant_a: MerchantWorld,
) -> None:
    ids = await two_products(merchant_a)
    before = await shown(merchant_a, ids["token"])
    payload = await run_update(
        merchant_a,
        [
            {"id": ids["import-001"], "name": "Renamed"},
            {"id": ids["import-002"], "slug": "import-001"},
        ],
        atomic=True,
    )
    assert [(".".join(e["field"]), e["code"]) for e in payload["userErrors"]] == [
        ("products.1.slug", "DUPLICATE")
    ]
    assert payload["count"] == 0
    assert await shown(merchant_a, ids["token"]) == before


async def test_a_failed_item_touching_an_updated_product_leaves_a_complete_answer(
    merchant_a: MerchantWorld,
) -> None:
    ids = await two_products(merchant_a)
    # when an item renames a product and a later item on the same product fails
    payload = await run_update(
        merchant_a,
        [
            {"id": ids["import-001"], "name": "Renamed"},
            {"id": ids["import-001"], "seoTitle": "x", "variants": [{"id": ids["IMP-002-0"]}]},
        ],
    )
    # then the answer still shows the first item's product as saved, and the error
    assert payload["products"][0]["name"] == "Renamed"
    assert payload["products"][1] is None
    assert [".".join(e["field"]) for e in payload["userErrors"]] == ["products.1.variants.0.id"]


async def test_a_storefront_or_warehouse_given_twice_in_an_item_is_refused_by_path(
    merchant_a: MerchantWorld,
) -> None:
    web_id, _ = await merchant_a.storefront("Web", "USD")
    depot = await warehouse(merchant_a, "Depot")
    twice_listed = {"name": "Twice", "listings": [{"storefrontId": web_id}] * 2}
    twice_priced = item(2, [web_id, web_id], depot, variants=1)
    twice_stocked = item(3, [web_id], depot, variants=1)
    twice_stocked["variants"][0]["stocks"] *= 2
    payload = await run_bulk(
        merchant_a, [{"name": "Good"}, twice_listed, twice_priced, twice_stocked]
    )
    assert [(".".join(e["field"]), e["code"]) for e in payload["userErrors"]] == [
        ("products.1.listings.1.storefrontId", "DUPLICATE"),
        ("products.2.variants.0.prices.1.storefrontId", "DUPLICATE"),
        ("products.3.variants.0.stocks.1.warehouseId", "DUPLICATE"),
    ]
    assert payload["count"] == 1


async def test_a_refused_item_does_not_keep_its_skus_from_later_items(
    merchant_a: MerchantWorld,
) -> None:
    web_id, _ = await merchant_a.storefront("Web", "USD")
    refused = {
        "name": "A",
        "variants": [{"sku": "S1", "prices": [{"storefrontId": web_id, "price": "-1"}]}],
    }
    payload = await run_bulk(merchant_a, [refused, {"name": "B", "variants": [{"sku": "S1"}]}])
    assert [".".join(e["field"]) for e in payload["userErrors"]] == [
        "products.0.variants.0.prices.0.price"
    ]
    assert payload["count"] == 1
    assert payload["products"][1]["variants"] == [{"sku": "S1", "name": ""}]
