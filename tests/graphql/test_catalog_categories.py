"""Categories: a tree per merchant that merchants reshape without ever creating a cycle."""

from typing import Any

import pytest

from tests.support.actors import MerchantWorld, ok
from tests.support.catalog import (
    CATEGORY_CREATE,
    CATEGORY_DELETE,
    CATEGORY_UPDATE,
    Catalog,
)

CATEGORY_TREE = """
{
  categories(first: 100) {
    nodes { id name slug parent { id } children { id } }
  }
}
"""
CATEGORY_BY_SLUG = """
query($slug: String!) {
  category(slug: $slug) {
    id name slug description
    parent { name }
    children { name }
    ancestors { name slug }
  }
}
"""
PRODUCT_CATEGORY = "query($id: ID!) { product(id: $id) { id category { id } } }"


@pytest.fixture
def catalog(merchant_a: MerchantWorld) -> Catalog:
    return Catalog(merchant_a)


async def tree(merchant: MerchantWorld) -> dict[str, dict[str, Any]]:
    """Every category by name: its slug, its parent's id and its children's ids."""
    nodes = (await merchant.run(CATEGORY_TREE)).data["categories"]["nodes"]
    return {
        node["name"]: {
            "id": node["id"],
            "slug": node["slug"],
            "parent": node["parent"]["id"] if node["parent"] else None,
            "children": sorted(child["id"] for child in node["children"]),
        }
        for node in nodes
    }


async def move(merchant: MerchantWorld, category_id: str, parent_id: str | None) -> Any:
    result = await merchant.run(
        CATEGORY_UPDATE, {"id": category_id, "input": {"parentId": parent_id}}
    )
    return result.data["categoryUpdate"]


# --- creating ----------------------------------------------------------------------------------


async def test_a_category_gets_a_slug_made_from_its_name(merchant_a: MerchantWorld) -> None:
    # when the merchant creates a category without a slug
    result = await merchant_a.run(CATEGORY_CREATE, {"input": {"name": "Running Shoes & Socks"}})
    # then a slug is made from its name, and the category is a root
    category = ok(result.data["categoryCreate"])["category"]
    assert category["slug"] == "running-shoes-socks"
    assert category["parent"] is None
    assert (await tree(merchant_a))["Running Shoes & Socks"]["slug"] == "running-shoes-socks"


async def test_a_category_keeps_the_slug_it_was_given(merchant_a: MerchantWorld) -> None:
    # when the merchant creates a category with an explicit slug
    result = await merchant_a.run(
        CATEGORY_CREATE, {"input": {"name": "Running shoes", "slug": "runners"}}
    )
    # then that slug is used, and the category is found by it
    assert ok(result.data["categoryCreate"])["category"]["slug"] == "runners"
    found = await merchant_a.run(CATEGORY_BY_SLUG, {"slug": "runners"})
    assert found.data["category"]["name"] == "Running shoes"


async def test_a_second_category_with_a_taken_slug_is_a_duplicate(
    merchant_a: MerchantWorld, catalog: Catalog
) -> None:
    # given a category with the slug "shoes"
    await catalog.category("Shoes")
    # when another category asks for the same slug
    result = await merchant_a.run(CATEGORY_CREATE, {"input": {"name": "Boots", "slug": "shoes"}})
    # then it is refused, naming the slug, and only the first category exists
    payload = result.data["categoryCreate"]
    assert payload["category"] is None
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [(["slug"], "DUPLICATE")]
    assert list(await tree(merchant_a)) == ["Shoes"]


async def test_another_merchant_may_use_the_same_category_slug(
    merchant_a: MerchantWorld, merchant_b: MerchantWorld
) -> None:
    # given merchant alpha's "shoes" category
    await Catalog(merchant_a).category("Shoes")
    # when merchant bravo creates its own "shoes" category
    result = await merchant_b.run(CATEGORY_CREATE, {"input": {"name": "Shoes"}})
    # then it is created: slugs are unique per merchant only
    assert ok(result.data["categoryCreate"])["category"]["slug"] == "shoes"


async def test_a_category_cannot_be_created_under_an_unknown_parent(
    merchant_a: MerchantWorld, catalog: Catalog
) -> None:
    # given a category id that is deleted again (well-formed, but gone)
    gone = await catalog.category("Gone")
    ok((await merchant_a.run(CATEGORY_DELETE, {"id": gone})).data["categoryDelete"])
    # when a category is created under it
    result = await merchant_a.run(CATEGORY_CREATE, {"input": {"name": "Orphan", "parentId": gone}})
    # then the parent is reported not found, and nothing is created
    payload = result.data["categoryCreate"]
    assert payload["category"] is None
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [(["parentId"], "NOT_FOUND")]
    assert await tree(merchant_a) == {}


# --- moving ------------------------------------------------------------------------------------


async def test_a_category_moves_under_a_new_parent(
    merchant_a: MerchantWorld, catalog: Catalog
) -> None:
    # given "Shoes" under "Men", and a separate root "Women"
    men = await catalog.category("Men")
    women = await catalog.category("Women")
    shoes = await catalog.category("Shoes", men)
    # when "Shoes" moves under "Women"
    payload = ok(await move(merchant_a, shoes, women))
    # then it hangs below "Women" and no longer below "Men"
    assert payload["category"]["parent"] == {"id": women}
    stored = await tree(merchant_a)
    assert stored["Shoes"]["parent"] == women
    assert stored["Women"]["children"] == [shoes]
    assert stored["Men"]["children"] == []


async def test_parent_id_null_makes_a_category_a_root(
    merchant_a: MerchantWorld, catalog: Catalog
) -> None:
    # given "Shoes" under "Men"
    men = await catalog.category("Men")
    shoes = await catalog.category("Shoes", men)
    # when it is moved to parentId null
    ok(await move(merchant_a, shoes, None))
    # then it is a root
    stored = await tree(merchant_a)
    assert stored["Shoes"]["parent"] is None
    assert stored["Men"]["children"] == []


async def test_an_update_without_parent_id_leaves_the_category_where_it_is(
    merchant_a: MerchantWorld, catalog: Catalog
) -> None:
    # given "Shoes" under "Men"
    men = await catalog.category("Men")
    shoes = await catalog.category("Shoes", men)
    # when only its name changes (parentId not sent at all)
    result = await merchant_a.run(CATEGORY_UPDATE, {"id": shoes, "input": {"name": "Footwear"}})
    # then it is renamed and stays below "Men"
    assert ok(result.data["categoryUpdate"])["category"]["parent"] == {"id": men}
    assert (await tree(merchant_a))["Footwear"]["parent"] == men


@pytest.mark.parametrize("target", ["itself", "its child", "its grandchild"])
async def test_a_category_cannot_move_below_itself_or_its_descendants(
    merchant_a: MerchantWorld, catalog: Catalog, target: str
) -> None:
    # given Clothing > Tops > Shirts
    clothing = await catalog.category("Clothing")
    tops = await catalog.category("Tops", clothing)
    shirts = await catalog.category("Shirts", tops)
    before = await tree(merchant_a)
    parent = {"itself": clothing, "its child": tops, "its grandchild": shirts}[target]
    # when "Clothing" is moved below `target`
    payload = await move(merchant_a, clothing, parent)
    # then the move is refused on parentId, and the tree is exactly as it was
    assert payload["category"] is None
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [
        (["parentId"], "INVALID_STATE")
    ]
    assert await tree(merchant_a) == before


async def test_a_refused_move_also_drops_the_other_changes_sent_with_it(
    merchant_a: MerchantWorld, catalog: Catalog
) -> None:
    # given Clothing > Tops
    clothing = await catalog.category("Clothing")
    tops = await catalog.category("Tops", clothing)
    before = await tree(merchant_a)
    # when "Clothing" is renamed and moved below "Tops" in one update
    result = await merchant_a.run(
        CATEGORY_UPDATE, {"id": clothing, "input": {"name": "Apparel", "parentId": tops}}
    )
    # then nothing changes: one mutation lands whole or not at all
    assert result.data["categoryUpdate"]["userErrors"][0]["code"] == "INVALID_STATE"
    assert await tree(merchant_a) == before


async def test_a_category_cannot_move_under_an_unknown_parent(
    merchant_a: MerchantWorld, catalog: Catalog
) -> None:
    # given a category and the id of one that no longer exists
    shoes = await catalog.category("Shoes")
    gone = await catalog.category("Gone")
    ok((await merchant_a.run(CATEGORY_DELETE, {"id": gone})).data["categoryDelete"])
    # when the category is moved under the gone one
    payload = await move(merchant_a, shoes, gone)
    # then the parent is reported not found and the category stays a root
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [(["parentId"], "NOT_FOUND")]
    assert (await tree(merchant_a))["Shoes"]["parent"] is None


async def test_a_category_cannot_move_under_another_merchants_category(
    merchant_a: MerchantWorld, merchant_b: MerchantWorld, catalog: Catalog
) -> None:
    # given alpha's category and bravo's category
    shoes = await catalog.category("Shoes")
    foreign = await Catalog(merchant_b).category("Foreign")
    # when alpha moves its category under bravo's
    payload = await move(merchant_a, shoes, foreign)
    # then bravo's category is not found for alpha
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [(["parentId"], "NOT_FOUND")]
    assert (await tree(merchant_a))["Shoes"]["parent"] is None


async def test_categories_nest_at_most_ten_levels_deep(
    merchant_a: MerchantWorld, catalog: Catalog
) -> None:
    # given a chain of ten levels
    parent = None
    for level in range(1, 11):
        parent = await catalog.category(f"Level {level}", parent)
    # when an eleventh level is added
    result = await merchant_a.run(
        CATEGORY_CREATE, {"input": {"name": "Level 11", "parentId": parent}}
    )
    # then it is refused on parentId
    assert [e["field"] for e in result.data["categoryCreate"]["userErrors"]] == [["parentId"]]
    assert "Level 11" not in await tree(merchant_a)


async def test_moving_a_subtree_cannot_push_its_leaves_past_the_depth_limit(
    merchant_a: MerchantWorld, catalog: Catalog
) -> None:
    # given a chain of eight levels, and a separate three-level subtree A > B > C
    parent = None
    for level in range(1, 9):
        parent = await catalog.category(f"Level {level}", parent)
    a = await catalog.category("A")
    await catalog.category("C", await catalog.category("B", a))
    before = await tree(merchant_a)
    # when A moves below level 8 (C would be at level 11)
    payload = await move(merchant_a, a, parent)
    # then the move is refused on parentId and nothing changes
    assert [e["field"] for e in payload["userErrors"]] == [["parentId"]]
    assert await tree(merchant_a) == before
    # while below level 7 (C at level 10) it fits
    ok(await move(merchant_a, a, before["Level 7"]["id"]))


# --- deleting ----------------------------------------------------------------------------------


async def test_deleting_a_category_moves_its_children_up_and_uncategorises_its_products(
    merchant_a: MerchantWorld, catalog: Catalog
) -> None:
    # given Clothing > Tops > (Shirts, Sweaters), a product in Tops and one in Shirts
    clothing = await catalog.category("Clothing")
    tops = await catalog.category("Tops", clothing)
    shirts = await catalog.category("Shirts", tops)
    sweaters = await catalog.category("Sweaters", tops)
    in_tops = await catalog.product("Plain tee", categoryId=tops)
    in_shirts = await catalog.product("Oxford shirt", categoryId=shirts)
    # when "Tops" is deleted
    result = await merchant_a.run(CATEGORY_DELETE, {"id": tops})
    # then it is gone, its children hang below its parent, and its product has no category
    assert ok(result.data["categoryDelete"])["deletedId"] == tops
    stored = await tree(merchant_a)
    assert "Tops" not in stored
    assert stored["Shirts"]["parent"] == clothing
    assert stored["Sweaters"]["parent"] == clothing
    assert stored["Clothing"]["children"] == sorted([shirts, sweaters])
    tops_product = await merchant_a.run(PRODUCT_CATEGORY, {"id": in_tops})
    assert tops_product.data["product"]["category"] is None
    # and products of the children keep their category
    shirts_product = await merchant_a.run(PRODUCT_CATEGORY, {"id": in_shirts})
    assert shirts_product.data["product"]["category"] == {"id": shirts}


async def test_deleting_a_root_category_makes_its_children_roots(
    merchant_a: MerchantWorld, catalog: Catalog
) -> None:
    # given Clothing > Tops
    clothing = await catalog.category("Clothing")
    await catalog.category("Tops", clothing)
    # when "Clothing" is deleted
    ok((await merchant_a.run(CATEGORY_DELETE, {"id": clothing})).data["categoryDelete"])
    # then "Tops" is a root and the only category left
    stored = await tree(merchant_a)
    assert list(stored) == ["Tops"]
    assert stored["Tops"]["parent"] is None


async def test_deleting_a_category_leaves_other_merchants_products_alone(
    merchant_a: MerchantWorld, merchant_b: MerchantWorld, catalog: Catalog
) -> None:
    # given a category of alpha's and a categorised product of bravo's
    shoes = await catalog.category("Shoes")
    bravo = Catalog(merchant_b)
    bravo_shoes = await bravo.category("Shoes")
    bravo_product = await bravo.product("Boot", categoryId=bravo_shoes)
    # when alpha deletes its category
    ok((await merchant_a.run(CATEGORY_DELETE, {"id": shoes})).data["categoryDelete"])
    # then bravo's product keeps its category
    read = await merchant_b.run(PRODUCT_CATEGORY, {"id": bravo_product})
    assert read.data["product"]["category"] == {"id": bravo_shoes}


# --- reading -----------------------------------------------------------------------------------


async def test_a_category_shows_its_parent_children_and_ancestors(
    merchant_a: MerchantWorld, catalog: Catalog
) -> None:
    # given Clothing > Tops > Shirts > Oxford, and Tops > Sweaters
    clothing = await catalog.category("Clothing", description="All we wear")
    tops = await catalog.category("Tops", clothing)
    shirts = await catalog.category("Shirts", tops)
    await catalog.category("Sweaters", tops)
    await catalog.category("Oxford", shirts)
    # when "Shirts" is read by slug
    result = await merchant_a.run(CATEGORY_BY_SLUG, {"slug": "shirts"})
    # then it shows its parent, its children and the path from the root down to its parent
    category = result.data["category"]
    assert category["parent"] == {"name": "Tops"}
    assert category["children"] == [{"name": "Oxford"}]
    assert category["ancestors"] == [
        {"name": "Clothing", "slug": "clothing"},
        {"name": "Tops", "slug": "tops"},
    ]
    # and the root has no ancestors, and its description
    root = (await merchant_a.run(CATEGORY_BY_SLUG, {"slug": "clothing"})).data["category"]
    assert root["ancestors"] == [] and root["parent"] is None
    assert root["description"] == "All we wear"
    assert sorted(c["name"] for c in (await tree_children(merchant_a, "tops"))) == [
        "Shirts",
        "Sweaters",
    ]


async def tree_children(merchant: MerchantWorld, slug: str) -> list[dict[str, Any]]:
    result = await merchant.run(CATEGORY_BY_SLUG, {"slug": slug})
    children: list[dict[str, Any]] = result.data["category"]["children"]
    return children


async def test_an_unknown_category_slug_reads_as_null(merchant_a: MerchantWorld) -> None:
    result = await merchant_a.run(CATEGORY_BY_SLUG, {"slug": "nothing-here"})
    assert result.errors == []
    assert result.data["category"] is None


async def test_a_storefront_visitor_reads_the_category_tree(
    merchant_a: MerchantWorld, catalog: Catalog
) -> None:
    # given a storefront and a small tree
    _, token = await merchant_a.storefront()
    clothing = await catalog.category("Clothing")
    await catalog.category("Tops", clothing)
    # when a visitor (storefront token, no staff token) reads a category by slug
    result = await merchant_a.client.execute(CATEGORY_BY_SLUG, {"slug": "tops"}, storefront=token)
    # then it sees the category and its place in the tree
    assert result.errors == []
    assert result.data["category"]["ancestors"] == [{"name": "Clothing", "slug": "clothing"}]
