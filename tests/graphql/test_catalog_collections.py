"""Collections: hand-picked, ordered sets of products that merchants curate and visitors browse.

Staff see a collection's every product in the collection's order; a storefront's visitors see,
in the same order, only those the storefront lists now.
"""

import uuid
from dataclasses import dataclass
from typing import Any

import pytest

from resolvers.ids import encode_global_id
from tests.support.actors import MerchantWorld, ok
from tests.support.catalog import Catalog
from tests.support.client import Response

FIELDS = "id name slug descriptionHtml seoTitle seoDescription"
COLLECTION_CREATE = f"""
mutation($input: CollectionInput!) {{
  collectionCreate(input: $input) {{
    collection {{ {FIELDS} }} userErrors {{ field message code }}
  }}
}}
"""
COLLECTION_UPDATE = f"""
mutation($id: ID!, $input: CollectionInput!) {{
  collectionUpdate(id: $id, input: $input) {{
    collection {{ {FIELDS} }} userErrors {{ field message code }}
  }}
}}
"""
COLLECTION_DELETE = """
mutation($id: ID!) { collectionDelete(id: $id) { deletedId userErrors { field message code } } }
"""
MEMBERS = """
mutation($id: ID!, $products: [ID!]!) {
  %s(id: $id, productIds: $products) {
    collection { id products(first: 100) { nodes { name } } }
    userErrors { field message code }
  }
}
"""
ADD, REMOVE, SET = "collectionProductsAdd", "collectionProductsRemove", "collectionProductsSet"
BY_SLUG = """
query($slug: String!) {
  collection(slug: $slug) {
    name slug
    products(first: 100) { nodes { name } }
  }
}
"""
COLLECTIONS = "{ collections(first: 100) { nodes { name slug } } }"
COLLECTION_PAGE = """
query($slug: String!, $first: Int, $after: String, $last: Int, $before: String) {
  collection(slug: $slug) {
    products(first: $first, after: $after, last: $last, before: $before) {
      nodes { name }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
}
"""
FILTERED = """
query($filter: ProductFilter, $sort: ProductSort) {
  products(first: 100, filter: $filter, sortBy: $sort) { nodes { name } }
}
"""
PRODUCT = "query($id: ID!) { product(id: $id) { name } }"


def errors_of(payload: dict[str, Any]) -> list[tuple[list[str] | None, str]]:
    return [(error["field"], error["code"]) for error in payload["userErrors"]]


@dataclass
class Shelf:
    """Merchant alpha's products and a web storefront, ready for collections."""

    merchant: MerchantWorld
    web: str  # storefront token
    ids: dict[str, str]

    async def create(self, **fields: Any) -> dict[str, Any]:
        result = await self.merchant.run(COLLECTION_CREATE, {"input": fields})
        payload: dict[str, Any] = result.data["collectionCreate"]
        return payload

    async def collection(self, name: str, *products: str, **fields: Any) -> str:
        """A collection holding these products (by key), in this order."""
        collection_id = str(ok(await self.create(name=name, **fields))["collection"]["id"])
        if products:
            ok(await self.members(SET, collection_id, *products))
        return collection_id

    async def members(self, how: str, collection_id: str, *products: str) -> dict[str, Any]:
        ids = [self.ids.get(key, key) for key in products]
        result = await self.merchant.run(MEMBERS % how, {"id": collection_id, "products": ids})
        assert result.errors == [], result.body
        payload: dict[str, Any] = result.data[how]
        return payload

    async def names(self, slug: str, *, visitor: bool = False) -> list[str] | None:
        """The collection's products in its order, as staff (or a web visitor) see them."""
        result = await self.read(BY_SLUG, {"slug": slug}, visitor=visitor)
        collection = result.data["collection"]
        if collection is None:
            return None
        return [node["name"] for node in collection["products"]["nodes"]]

    async def read(
        self, query: str, variables: dict[str, Any] | None = None, *, visitor: bool = False
    ) -> Response:
        if visitor:
            return await self.merchant.client.execute(query, variables, storefront=self.web)
        return await self.merchant.run(query, variables)  # type: ignore[no-any-return]


@pytest.fixture
async def shelf(merchant_a: MerchantWorld) -> Shelf:
    """
    Web lists Anorak, Beanie and Espadrille. Cap is unpublished; Duffel was published, then
    archived. Products were created in that alphabetical order.
    """
    catalog = Catalog(merchant_a)
    web_id, web = await merchant_a.storefront("Web", "USD")
    ids = {}
    for name in ("Anorak", "Beanie", "Cap", "Duffel", "Espadrille"):
        ids[name.lower()] = await catalog.product(name)
    for key in ("anorak", "beanie", "duffel", "espadrille"):
        await catalog.publish(ids[key], web_id)
    await catalog.archive_product(ids["duffel"])
    return Shelf(merchant_a, web, ids)


# --- creating and changing ---------------------------------------------------------------------


async def test_a_collection_is_created_with_a_slug_made_from_its_name(shelf: Shelf) -> None:
    payload = ok(await shelf.create(name="  Summer Sale! "))
    assert payload["collection"] == {
        "id": payload["collection"]["id"],
        "name": "Summer Sale!",
        "slug": "summer-sale",
        "descriptionHtml": "",
        "seoTitle": None,
        "seoDescription": None,
    }
    listed = await shelf.merchant.run(COLLECTIONS)
    assert listed.data["collections"]["nodes"] == [{"name": "Summer Sale!", "slug": "summer-sale"}]


async def test_a_collection_needs_a_name(shelf: Shelf) -> None:
    assert errors_of(await shelf.create(slug="nameless")) == [(["name"], "REQUIRED")]
    assert errors_of(await shelf.create(name="   ")) == [(["name"], "REQUIRED")]


async def test_a_taken_slug_is_refused_as_a_duplicate(shelf: Shelf) -> None:
    # given a collection with the slug summer-sale
    await shelf.collection("Summer sale")
    # when another would take it, from its name or explicitly, on create or update
    from_name = await shelf.create(name="Summer Sale")
    explicit = await shelf.create(name="Other", slug="summer-sale")
    other = await shelf.collection("Winter sale")
    moved = await shelf.merchant.run(
        COLLECTION_UPDATE, {"id": other, "input": {"slug": "summer-sale"}}
    )
    # then each is refused, and nothing else is created or changed
    for payload in (from_name, explicit, moved.data["collectionUpdate"]):
        assert errors_of(payload) == [(["slug"], "DUPLICATE")]
        assert payload["collection"] is None
    listed = await shelf.merchant.run(COLLECTIONS)
    assert sorted(n["slug"] for n in listed.data["collections"]["nodes"]) == [
        "summer-sale",
        "winter-sale",
    ]


async def test_another_merchant_may_use_the_same_slug(
    shelf: Shelf, merchant_b: MerchantWorld
) -> None:
    await shelf.collection("Summer sale")
    result = await merchant_b.run(COLLECTION_CREATE, {"input": {"name": "Summer sale"}})
    assert ok(result.data["collectionCreate"])["collection"]["slug"] == "summer-sale"


async def test_an_update_changes_only_the_fields_given(shelf: Shelf) -> None:
    # given a collection with every field set
    collection = await shelf.collection(
        "Summer sale",
        descriptionHtml="<p>Hot deals</p>",
        seoTitle="Sale",
        seoDescription="Everything must go",
    )
    # when only its name changes
    result = await shelf.merchant.run(
        COLLECTION_UPDATE, {"id": collection, "input": {"name": "Summer clearance"}}
    )
    # then its slug and the rest stay as they were
    assert ok(result.data["collectionUpdate"])["collection"] == {
        "id": collection,
        "name": "Summer clearance",
        "slug": "summer-sale",
        "descriptionHtml": "<p>Hot deals</p>",
        "seoTitle": "Sale",
        "seoDescription": "Everything must go",
    }
    # and a new slug moves it: the old one finds nothing
    result = await shelf.merchant.run(
        COLLECTION_UPDATE, {"id": collection, "input": {"slug": "clearance", "seoTitle": ""}}
    )
    updated = ok(result.data["collectionUpdate"])["collection"]
    assert (updated["slug"], updated["seoTitle"]) == ("clearance", None)
    assert await shelf.names("summer-sale") is None
    assert await shelf.names("clearance") == []


async def test_a_collection_description_is_sanitised(shelf: Shelf) -> None:
    html = (
        '<p onclick="steal()">Hot <strong>deals</strong></p>'
        "<script>alert('owned')</script>"
        '<a href="javascript:steal()">bad</a>'
    )
    payload = ok(await shelf.create(name="Summer sale", descriptionHtml=html))
    stored = payload["collection"]["descriptionHtml"]
    assert "<p>Hot <strong>deals</strong></p>" in stored
    for dropped in ("<script", "alert(", "onclick", "javascript:", "steal()"):
        assert dropped not in stored.lower()
    # and on update; markup with no text left is no description
    result = await shelf.merchant.run(
        COLLECTION_UPDATE,
        {"id": payload["collection"]["id"], "input": {"descriptionHtml": "<p> </p><script>x()"}},
    )
    assert ok(result.data["collectionUpdate"])["collection"]["descriptionHtml"] == ""


async def test_deleting_a_collection_keeps_its_products(shelf: Shelf) -> None:
    # given a collection of two products
    collection = await shelf.collection("Summer sale", "anorak", "beanie")
    # when it is deleted
    result = await shelf.merchant.run(COLLECTION_DELETE, {"id": collection})
    # then it is gone ...
    assert ok(result.data["collectionDelete"])["deletedId"] == collection
    assert await shelf.names("summer-sale") is None
    assert (await shelf.merchant.run(COLLECTIONS)).data["collections"]["nodes"] == []
    # ... and its products are not
    for key in ("anorak", "beanie"):
        product = await shelf.merchant.run(PRODUCT, {"id": shelf.ids[key]})
        assert product.data["product"] is not None
    # and the slug is free again
    ok(await shelf.create(name="Summer sale"))


async def test_changing_a_collection_that_is_gone_is_not_found(shelf: Shelf) -> None:
    collection = await shelf.collection("Summer sale")
    ok((await shelf.merchant.run(COLLECTION_DELETE, {"id": collection})).data["collectionDelete"])
    update = await shelf.merchant.run(COLLECTION_UPDATE, {"id": collection, "input": {"name": "X"}})
    add = await shelf.merchant.run(MEMBERS % ADD, {"id": collection, "products": []})
    delete = await shelf.merchant.run(COLLECTION_DELETE, {"id": collection})
    for result in (update, add, delete):
        assert result.error_codes == ["NOT_FOUND"], result.body


# --- membership --------------------------------------------------------------------------------


async def test_adding_appends_in_the_order_given(shelf: Shelf) -> None:
    collection = await shelf.collection("Summer sale")
    first = ok(await shelf.members(ADD, collection, "cap", "anorak"))
    assert [n["name"] for n in first["collection"]["products"]["nodes"]] == ["Cap", "Anorak"]
    # products already in it stay where they are; new ones (once each) go after
    second = ok(
        await shelf.members(ADD, collection, "anorak", "espadrille", "beanie", "espadrille")
    )
    assert [n["name"] for n in second["collection"]["products"]["nodes"]] == [
        "Cap",
        "Anorak",
        "Espadrille",
        "Beanie",
    ]


@pytest.mark.parametrize("how", [ADD, SET])
async def test_an_unknown_product_is_reported_at_its_index_and_nothing_changes(
    shelf: Shelf, merchant_b: MerchantWorld, how: str
) -> None:
    # given a collection of two products, and bravo's product
    collection = await shelf.collection("Summer sale", "anorak", "beanie")
    foreign = await Catalog(merchant_b).product("Bravo boot")
    gone = encode_global_id("Product", uuid.uuid4())
    # when an unknown product or another merchant's is among those given
    unknown = await shelf.members(how, collection, "cap", gone)
    theirs = await shelf.members(how, collection, "cap", "espadrille", foreign)
    # then each is reported where it was given ...
    assert errors_of(unknown) == [(["productIds", "1"], "NOT_FOUND")]
    assert errors_of(theirs) == [(["productIds", "2"], "NOT_FOUND")]
    assert unknown["collection"] is None
    # ... and the collection is as it was
    assert await shelf.names("summer-sale") == ["Anorak", "Beanie"]


async def test_a_malformed_product_id_is_reported_at_its_index(shelf: Shelf) -> None:
    collection = await shelf.collection("Summer sale", "anorak")
    payload = await shelf.members(ADD, collection, "beanie", "not-an-id")
    assert errors_of(payload) == [(["productIds", "1"], "INVALID_ID")]
    assert await shelf.names("summer-sale") == ["Anorak"]


async def test_removing_keeps_the_others_in_order(shelf: Shelf) -> None:
    collection = await shelf.collection("Summer sale", "anorak", "beanie", "cap", "espadrille")
    payload = ok(await shelf.members(REMOVE, collection, "cap", "anorak"))
    assert [n["name"] for n in payload["collection"]["products"]["nodes"]] == [
        "Beanie",
        "Espadrille",
    ]
    # removing one that is not in it changes nothing
    ok(await shelf.members(REMOVE, collection, "cap", "duffel"))
    assert await shelf.names("summer-sale") == ["Beanie", "Espadrille"]
    # and a removed product can come back, at the end
    ok(await shelf.members(ADD, collection, "anorak"))
    assert await shelf.names("summer-sale") == ["Beanie", "Espadrille", "Anorak"]


async def test_setting_makes_exactly_these_the_products_in_this_order(shelf: Shelf) -> None:
    collection = await shelf.collection("Summer sale", "anorak", "beanie", "cap")
    payload = ok(await shelf.members(SET, collection, "espadrille", "anorak", "duffel"))
    assert [n["name"] for n in payload["collection"]["products"]["nodes"]] == [
        "Espadrille",
        "Anorak",
        "Duffel",
    ]
    # a product given twice keeps its first place
    ok(await shelf.members(SET, collection, "beanie", "cap", "beanie"))
    assert await shelf.names("summer-sale") == ["Beanie", "Cap"]
    # and nothing empties it
    ok(await shelf.members(SET, collection))
    assert await shelf.names("summer-sale") == []


# --- reading -----------------------------------------------------------------------------------


async def test_staff_and_visitors_see_the_collection_order(shelf: Shelf) -> None:
    # given a collection mixing listed, unpublished and archived products
    await shelf.collection("Summer sale", "espadrille", "cap", "anorak", "duffel", "beanie")
    # then staff see every product in the collection's order
    assert await shelf.names("summer-sale") == ["Espadrille", "Cap", "Anorak", "Duffel", "Beanie"]
    # and visitors, in the same order, only what their storefront lists
    assert await shelf.names("summer-sale", visitor=True) == ["Espadrille", "Anorak", "Beanie"]


async def test_visitors_find_collections_by_slug_and_list_them(shelf: Shelf) -> None:
    await shelf.collection("Summer sale", "beanie", "cap")
    found = await shelf.read(BY_SLUG, {"slug": "summer-sale"}, visitor=True)
    assert found.data["collection"] == {
        "name": "Summer sale",
        "slug": "summer-sale",
        "products": {"nodes": [{"name": "Beanie"}]},
    }
    missing = await shelf.read(BY_SLUG, {"slug": "winter-sale"}, visitor=True)
    assert missing.errors == [] and missing.data["collection"] is None
    listed = await shelf.read(COLLECTIONS, visitor=True)
    assert listed.data["collections"]["nodes"] == [{"name": "Summer sale", "slug": "summer-sale"}]


async def test_a_visitor_without_a_storefront_token_is_refused(shelf: Shelf) -> None:
    await shelf.collection("Summer sale", "anorak")
    result = await shelf.merchant.client.execute(BY_SLUG, {"slug": "summer-sale"})
    assert result.error_codes == ["UNAUTHENTICATED"]


async def test_another_merchants_visitor_does_not_see_the_collection(
    shelf: Shelf, merchant_b: MerchantWorld
) -> None:
    await shelf.collection("Summer sale", "anorak")
    _, bravo = await merchant_b.storefront("Bravo web", "USD")
    result = await merchant_b.client.execute(BY_SLUG, {"slug": "summer-sale"}, storefront=bravo)
    assert result.errors == [] and result.data["collection"] is None


async def test_filtering_products_by_collection_lists_them_in_its_order(shelf: Shelf) -> None:
    collection = await shelf.collection("Summer sale", "espadrille", "cap", "anorak", "beanie")
    wanted = {"filter": {"collectionId": collection}}
    staff = await shelf.read(FILTERED, wanted)
    visitor = await shelf.read(FILTERED, wanted, visitor=True)
    assert [n["name"] for n in staff.data["products"]["nodes"]] == [
        "Espadrille",
        "Cap",
        "Anorak",
        "Beanie",
    ]
    assert [n["name"] for n in visitor.data["products"]["nodes"]] == [
        "Espadrille",
        "Anorak",
        "Beanie",
    ]
    # the order can be asked for explicitly, reversed, or replaced
    reverse = {**wanted, "sort": {"field": "COLLECTION", "direction": "DESC"}}
    by_name = {**wanted, "sort": {"field": "NAME"}}
    reversed_ = await shelf.read(FILTERED, reverse, visitor=True)
    named = await shelf.read(FILTERED, by_name, visitor=True)
    assert [n["name"] for n in reversed_.data["products"]["nodes"]] == [
        "Beanie",
        "Anorak",
        "Espadrille",
    ]
    assert [n["name"] for n in named.data["products"]["nodes"]] == [
        "Anorak",
        "Beanie",
        "Espadrille",
    ]


async def test_paging_a_collection_walks_it_once_in_either_direction(shelf: Shelf) -> None:
    order = ["Espadrille", "Cap", "Anorak", "Duffel", "Beanie"]
    await shelf.collection("Summer sale", *[name.lower() for name in order])
    forwards: list[str] = []
    after = None
    while True:
        page = await collection_page(shelf, first=2, after=after)
        forwards += [n["name"] for n in page["nodes"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    backwards: list[str] = []
    before = None
    while True:
        page = await collection_page(shelf, last=2, before=before)
        backwards = [n["name"] for n in page["nodes"]] + backwards
        if not page["pageInfo"]["hasPreviousPage"]:
            break
        before = page["pageInfo"]["startCursor"]
    assert forwards == backwards == order


async def collection_page(shelf: Shelf, **variables: Any) -> dict[str, Any]:
    result = await shelf.read(COLLECTION_PAGE, {"slug": "summer-sale", **variables})
    assert result.errors == [], result.body
    page: dict[str, Any] = result.data["collection"]["products"]
    assert len(page["nodes"]) <= 2
    return page


@pytest.mark.parametrize("visitor", [False, True], ids=["staff", "visitor"])
async def test_an_unknown_collection_in_a_filter_is_not_found(
    shelf: Shelf, merchant_b: MerchantWorld, visitor: bool
) -> None:
    gone = encode_global_id("Collection", uuid.uuid4())
    made = await merchant_b.run(COLLECTION_CREATE, {"input": {"name": "Bravo picks"}})
    foreign = ok(made.data["collectionCreate"])["collection"]["id"]
    for collection in (gone, foreign):
        result = await shelf.read(
            FILTERED, {"filter": {"collectionId": collection}}, visitor=visitor
        )
        assert result.body["data"] is None
        [error] = result.errors
        assert error["extensions"] == {"code": "NOT_FOUND", "field": "collectionId"}
