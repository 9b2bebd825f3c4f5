"""Wishlists: named lists of variants, shared by link, telling when an item is back in stock
or on sale in the storefront."""

from dataclasses import dataclass

import pytest

from domain.customers.wishlists import SHARE_PREFIX
from domain.tokens import generate_token
from tests.support.actors import MerchantWorld, ok
from tests.support.catalog import Catalog
from tests.support.client import GraphQLClient
from tests.support.customers import Shopper, shopper

CREATE = """
mutation($name: String!) {
  wishlistCreate(name: $name) { wishlist { id name shareToken } userErrors { field code } }
}
"""
ADD = """
mutation($list: ID!, $variant: ID!) {
  wishlistItemAdd(wishlistId: $list, variantId: $variant) {
    wishlist { items { variant { id sku } backInStock onSale } } userErrors { field code }
  }
}
"""
REMOVE = """
mutation($list: ID!, $variant: ID!) {
  wishlistItemRemove(wishlistId: $list, variantId: $variant) {
    wishlist { items { variant { id } } } userErrors { field code }
  }
}
"""
SHARE = """
mutation($id: ID!, $shared: Boolean!) {
  wishlistShare(id: $id, shared: $shared) { wishlist { shareToken } userErrors { code } }
}
"""
SHARED = """
query($token: String!) {
  sharedWishlist(token: $token) { name items { variant { sku } backInStock onSale } }
}
"""
MINE = """
{ me { ... on Customer { wishlists { name items { variant { sku } backInStock onSale } } } } }
"""


@dataclass
class Shop:
    merchant: MerchantWorld
    catalog: Catalog
    storefront_id: str
    token: str
    variant_id: str
    warehouse_id: str
    customer: Shopper


@pytest.fixture
async def shop(merchant_a: MerchantWorld) -> Shop:
    storefront_id, token = await merchant_a.storefront("Web")
    catalog = Catalog(merchant_a)
    product_id = await catalog.product("Trail runner")
    variant_id = await catalog.variant(product_id, "RUN-42", trackInventory=True)
    await catalog.publish(product_id, storefront_id)
    await catalog.price(variant_id, storefront_id, "50.00")
    warehouse_id = await catalog.warehouse("Depot")
    await catalog.link_warehouses(storefront_id, [warehouse_id])
    await catalog.stock(variant_id, warehouse_id, 0)
    customer = await shopper(merchant_a, token)
    return Shop(merchant_a, catalog, storefront_id, token, variant_id, warehouse_id, customer)


async def new_list(customer: Shopper, name: str = "Birthday") -> str:
    result = await customer.run(CREATE, {"name": name})
    return str(ok(result.data["wishlistCreate"])["wishlist"]["id"])


async def test_an_item_out_of_stock_when_added_shows_back_in_stock_and_a_price_drop_on_sale(
    shop: Shop,
) -> None:
    # given an out-of-stock variant at 50.00 on a wishlist
    list_id = await new_list(shop.customer)
    added = await shop.customer.run(ADD, {"list": list_id, "variant": shop.variant_id})
    item = ok(added.data["wishlistItemAdd"])["wishlist"]["items"][0]
    assert item == {
        "variant": {"id": shop.variant_id, "sku": "RUN-42"},
        "backInStock": False,
        "onSale": False,
    }
    # when it is restocked and reduced
    await shop.catalog.stock(shop.variant_id, shop.warehouse_id, 3)
    await shop.catalog.price(shop.variant_id, shop.storefront_id, "40.00")
    # then the list says so
    mine = (await shop.customer.run(MINE)).data["me"]["wishlists"]
    assert mine == [
        {
            "name": "Birthday",
            "items": [{"variant": {"sku": "RUN-42"}, "backInStock": True, "onSale": True}],
        }
    ]


async def test_a_compare_at_price_above_the_price_is_on_sale(shop: Shop) -> None:
    list_id = await new_list(shop.customer)
    await shop.customer.run(ADD, {"list": list_id, "variant": shop.variant_id})
    await shop.catalog.price(shop.variant_id, shop.storefront_id, "50.00", compareAtPrice="70.00")
    items = (await shop.customer.run(MINE)).data["me"]["wishlists"][0]["items"]
    assert items[0]["onSale"] is True


async def test_adding_twice_keeps_one_item_and_removing_empties_the_list(shop: Shop) -> None:
    list_id = await new_list(shop.customer)
    await shop.customer.run(ADD, {"list": list_id, "variant": shop.variant_id})
    again = await shop.customer.run(ADD, {"list": list_id, "variant": shop.variant_id})
    assert len(ok(again.data["wishlistItemAdd"])["wishlist"]["items"]) == 1
    removed = await shop.customer.run(REMOVE, {"list": list_id, "variant": shop.variant_id})
    assert ok(removed.data["wishlistItemRemove"])["wishlist"]["items"] == []
    twice = await shop.customer.run(REMOVE, {"list": list_id, "variant": shop.variant_id})
    assert twice.data["wishlistItemRemove"]["userErrors"][0]["code"] == "NOT_FOUND"


async def test_an_unpublished_or_unknown_variant_cannot_be_added(shop: Shop) -> None:
    hidden_product = await shop.catalog.product("Secret")
    hidden = await shop.catalog.variant(hidden_product, "SECRET-1")
    list_id = await new_list(shop.customer)
    for variant in (hidden, shop.storefront_id, "garbage"):
        result = await shop.customer.run(ADD, {"list": list_id, "variant": variant})
        errors = result.data["wishlistItemAdd"]["userErrors"]
        assert [e["field"] for e in errors] == [["variantId"]]


async def test_a_shared_list_is_readable_by_link_and_unsharing_revokes_it(
    shop: Shop, client: GraphQLClient, merchant_b: MerchantWorld
) -> None:
    # given a shared list with one item
    list_id = await new_list(shop.customer)
    await shop.customer.run(ADD, {"list": list_id, "variant": shop.variant_id})
    shared = await shop.customer.run(SHARE, {"id": list_id, "shared": True})
    token = ok(shared.data["wishlistShare"])["wishlist"]["shareToken"]
    # when a visitor of the same merchant opens the link
    seen = await client.execute(SHARED, {"token": token}, storefront=shop.token)
    # then they see the list (not its owner)
    assert seen.data["sharedWishlist"]["name"] == "Birthday"
    assert seen.data["sharedWishlist"]["items"][0]["variant"] == {"sku": "RUN-42"}
    # a visitor of another merchant sees nothing, a guessed token neither
    _, b_token = await merchant_b.storefront("B")
    elsewhere = await client.execute(SHARED, {"token": token}, storefront=b_token)
    assert elsewhere.data["sharedWishlist"] is None
    guess = generate_token(SHARE_PREFIX)  # well-formed, so only the look-up can refuse it
    guessed = await client.execute(SHARED, {"token": guess}, storefront=shop.token)
    assert guessed.data["sharedWishlist"] is None
    # and after unsharing, the link is dead
    await shop.customer.run(SHARE, {"id": list_id, "shared": False})
    after = await client.execute(SHARED, {"token": token}, storefront=shop.token)
    assert after.data["sharedWishlist"] is None


async def test_wishlist_names_are_validated(shop: Shop) -> None:
    for name, code in (("", "REQUIRED"), ("x" * 81, "TOO_LONG")):
        result = await shop.customer.run(CREATE, {"name": name})
        assert result.data["wishlistCreate"]["userErrors"] == [{"field": ["name"], "code": code}]
    assert (await shop.customer.run(MINE)).data["me"]["wishlists"] == []
