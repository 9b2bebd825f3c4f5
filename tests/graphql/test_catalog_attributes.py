"""Attributes and product types: typed facts about products, and which ones tell variants apart.

A merchant defines attributes (material, size, colour...) and groups them in product types: a
type's product attributes describe its products, its variant attributes tell variants apart.
Storefront visitors may read attributes; product types are back-office only.
"""

from typing import Any

import pytest

from tests.support.actors import MerchantWorld, ok
from tests.support.catalog import (
    ATTRIBUTE_CREATE,
    ATTRIBUTE_DELETE,
    ATTRIBUTE_UPDATE,
    PRODUCT_ATTRIBUTE_VALUES,
    PRODUCT_TYPE_CREATE,
    PRODUCT_TYPE_DELETE,
    PRODUCT_TYPE_UPDATE,
    Catalog,
    Wardrobe,
)
from tests.support.client import GraphQLClient

ATTRIBUTE_BY_SLUG = """
query($slug: String!) {
  attribute(slug: $slug) { id name slug kind unit filterable choices { name slug color } }
}
"""
ATTRIBUTE_LIST = "{ attributes(first: 100) { nodes { slug } } }"
PRODUCT_TYPE_LIST = """
{
  productTypes(first: 100) {
    nodes { name slug productAttributes { slug } variantAttributes { slug } }
  }
}
"""
NODE = "query($id: ID!) { node(id: $id) { id } }"

ErrorList = list[tuple[list[str] | None, str]]


def errors_of(payload: dict[str, Any]) -> ErrorList:
    return [(error["field"], error["code"]) for error in payload["userErrors"]]


def path(dotted: str) -> list[str]:
    return dotted.split(".")


@pytest.fixture
async def wardrobe(merchant_a: MerchantWorld) -> Wardrobe:
    return await Wardrobe.build(merchant_a)


async def create_attribute(merchant: MerchantWorld, **fields: Any) -> dict[str, Any]:
    result = await merchant.run(ATTRIBUTE_CREATE, {"input": fields})
    payload: dict[str, Any] = result.data["attributeCreate"]
    return payload


async def create_type(merchant: MerchantWorld, **fields: Any) -> dict[str, Any]:
    result = await merchant.run(PRODUCT_TYPE_CREATE, {"input": fields})
    payload: dict[str, Any] = result.data["productTypeCreate"]
    return payload


# --- attributes --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "extra", "shown"),
    [
        ("TEXT", {}, {"unit": None, "filterable": False, "choices": []}),
        ("RICH_TEXT", {}, {"unit": None, "filterable": False, "choices": []}),
        ("NUMBER", {"unit": "cm"}, {"unit": "cm", "filterable": False, "choices": []}),
        ("BOOLEAN", {}, {"unit": None, "filterable": False, "choices": []}),
        ("DATE", {"filterable": True}, {"unit": None, "filterable": True, "choices": []}),
        (
            "SINGLE_SELECT",
            {"choices": [{"name": "Small"}, {"name": "Extra large", "slug": "xl"}]},
            {
                "unit": None,
                "filterable": True,
                "choices": [
                    {"name": "Small", "slug": "small", "color": None},
                    {"name": "Extra large", "slug": "xl", "color": None},
                ],
            },
        ),
        (
            "MULTI_SELECT",
            {"choices": [{"name": "Cotton"}, {"name": "Wool"}], "filterable": False},
            {
                "unit": None,
                "filterable": False,
                "choices": [
                    {"name": "Cotton", "slug": "cotton", "color": None},
                    {"name": "Wool", "slug": "wool", "color": None},
                ],
            },
        ),
        (
            "SWATCH",
            {"choices": [{"name": "Forest green", "color": "#228B22"}]},
            {
                "unit": None,
                "filterable": True,
                "choices": [{"name": "Forest green", "slug": "forest-green", "color": "#228b22"}],
            },
        ),
    ],
)
async def test_each_kind_of_attribute_is_created_with_what_it_takes(
    merchant_a: MerchantWorld, kind: str, extra: dict[str, Any], shown: dict[str, Any]
) -> None:
    # when the merchant creates an attribute of this kind
    payload = ok(await create_attribute(merchant_a, name="Feature", kind=kind, **extra))
    # then it is stored as given (choice kinds are filterable unless told otherwise)
    expected = {"name": "Feature", "slug": "feature", "kind": kind, **shown}
    assert {k: v for k, v in payload["attribute"].items() if k != "id"} == expected
    found = await merchant_a.run(ATTRIBUTE_BY_SLUG, {"slug": "feature"})
    assert found.data["attribute"] == payload["attribute"]


async def test_an_attribute_slug_is_made_from_its_name(merchant_a: MerchantWorld) -> None:
    payload = ok(await create_attribute(merchant_a, name="Shoe Size (EU)", kind="SINGLE_SELECT"))
    assert payload["attribute"]["slug"] == "shoe-size-eu"


async def test_a_taken_attribute_slug_is_a_duplicate(
    merchant_a: MerchantWorld, merchant_b: MerchantWorld
) -> None:
    # given an attribute "size", and another one
    ok(await create_attribute(merchant_a, name="Size", kind="SINGLE_SELECT"))
    fit = ok(await create_attribute(merchant_a, name="Fit", kind="TEXT"))["attribute"]
    # when a new attribute, or the other one, asks for the slug "size"
    created = await create_attribute(merchant_a, name="Size", kind="TEXT")
    result = await merchant_a.run(ATTRIBUTE_UPDATE, {"id": fit["id"], "input": {"slug": "size"}})
    # then both are duplicates on the slug, and nothing changed
    assert created["attribute"] is None
    assert errors_of(created) == [(["slug"], "DUPLICATE")]
    assert errors_of(result.data["attributeUpdate"]) == [(["slug"], "DUPLICATE")]
    listed = await merchant_a.run(ATTRIBUTE_LIST)
    assert sorted(n["slug"] for n in listed.data["attributes"]["nodes"]) == ["fit", "size"]
    # while another merchant may use the slug
    ok(await create_attribute(merchant_b, name="Size", kind="TEXT"))


@pytest.mark.parametrize("color", [None, "", "red", "#12345", "#1234567", "#GGGGGG", "228B22"])
async def test_a_swatch_choice_needs_a_hex_colour(
    merchant_a: MerchantWorld, color: str | None
) -> None:
    payload = await create_attribute(
        merchant_a,
        name="Colour",
        kind="SWATCH",
        choices=[{"name": "Black", "color": "#000000"}, {"name": "Green", "color": color}],
    )
    assert payload["attribute"] is None
    assert errors_of(payload) == [(path("choices.1.color"), "INVALID")]


async def test_only_swatch_choices_have_a_colour(merchant_a: MerchantWorld) -> None:
    payload = await create_attribute(
        merchant_a, name="Size", kind="SINGLE_SELECT", choices=[{"name": "S", "color": "#000000"}]
    )
    assert errors_of(payload) == [(path("choices.0.color"), "INVALID")]


@pytest.mark.parametrize("kind", ["TEXT", "RICH_TEXT", "NUMBER", "BOOLEAN", "DATE"])
async def test_only_select_and_swatch_attributes_have_choices(
    merchant_a: MerchantWorld, kind: str
) -> None:
    payload = await create_attribute(merchant_a, name="Fit", kind=kind, choices=[{"name": "Slim"}])
    assert payload["attribute"] is None
    assert errors_of(payload) == [(["choices"], "INVALID")]


async def test_two_choices_with_one_slug_are_a_duplicate(merchant_a: MerchantWorld) -> None:
    payload = await create_attribute(
        merchant_a, name="Size", kind="SINGLE_SELECT", choices=[{"name": "M"}, {"name": "m"}]
    )
    assert errors_of(payload) == [(path("choices.1.slug"), "DUPLICATE")]


@pytest.mark.parametrize("kind", ["TEXT", "BOOLEAN", "SINGLE_SELECT"])
async def test_only_number_attributes_have_a_unit(merchant_a: MerchantWorld, kind: str) -> None:
    payload = await create_attribute(merchant_a, name="Length", kind=kind, unit="cm")
    assert errors_of(payload) == [(["unit"], "INVALID")]


async def test_a_kind_is_required_and_cannot_change(merchant_a: MerchantWorld) -> None:
    # a kind is required
    assert errors_of(await create_attribute(merchant_a, name="Fit")) == [(["kind"], "REQUIRED")]
    # given a text attribute
    fit = ok(await create_attribute(merchant_a, name="Fit", kind="TEXT"))["attribute"]
    # when it is told to become a number
    changed = await merchant_a.run(ATTRIBUTE_UPDATE, {"id": fit["id"], "input": {"kind": "NUMBER"}})
    # then it is refused; restating its own kind is fine
    assert errors_of(changed.data["attributeUpdate"]) == [(["kind"], "INVALID")]
    same = await merchant_a.run(
        ATTRIBUTE_UPDATE, {"id": fit["id"], "input": {"kind": "TEXT", "name": "Cut"}}
    )
    assert ok(same.data["attributeUpdate"])["attribute"]["kind"] == "TEXT"
    assert ok(same.data["attributeUpdate"])["attribute"]["name"] == "Cut"


async def test_new_choices_keep_the_values_of_kept_slugs_and_drop_those_of_removed_ones(
    wardrobe: Wardrobe,
) -> None:
    # given a T-shirt of cotton and linen
    tee = await wardrobe.shirt(material={"choices": ["cotton", "linen"]})
    # when the material choices become "Organic cotton" (still slug cotton) and "Hemp"
    payload = ok(
        await wardrobe.run(
            ATTRIBUTE_UPDATE,
            {
                "id": wardrobe.ids["material"],
                "input": {
                    "choices": [{"name": "Organic cotton", "slug": "cotton"}, {"name": "Hemp"}]
                },
            },
        )
    )
    assert [c["slug"] for c in payload["attribute"]["choices"]] == ["cotton", "hemp"]
    # then the shirt is still cotton, under the new name, and no longer linen
    result = await wardrobe.merchant.run(PRODUCT_ATTRIBUTE_VALUES, {"id": tee})
    (material,) = result.data["product"]["attributes"]
    assert material["choices"] == [{"slug": "cotton", "name": "Organic cotton", "color": None}]


async def test_a_choice_that_defines_a_live_variant_cannot_be_removed(wardrobe: Wardrobe) -> None:
    # given a medium black T-shirt variant
    tee = await wardrobe.shirt()
    variant = ok(
        await wardrobe.variant(
            tee, "TEE-M-BLK", size={"choices": ["m"]}, colour={"choices": ["black"]}
        )
    )["variant"]
    no_medium = {"choices": [{"name": "S"}, {"name": "L"}]}
    # when the size "M" is removed
    refused = await wardrobe.run(ATTRIBUTE_UPDATE, {"id": wardrobe.ids["size"], "input": no_medium})
    # then it is refused, and M is still there
    assert errors_of(refused) == [(["choices"], "INVALID_STATE")]
    found = await wardrobe.merchant.run(ATTRIBUTE_BY_SLUG, {"slug": "size"})
    assert [c["slug"] for c in found.data["attribute"]["choices"]] == ["s", "m", "l"]
    # and once that variant is archived, M may go
    await wardrobe.catalog.archive_variant(variant["id"])
    ok(await wardrobe.run(ATTRIBUTE_UPDATE, {"id": wardrobe.ids["size"], "input": no_medium}))


async def test_an_attribute_used_by_a_product_type_cannot_be_deleted(wardrobe: Wardrobe) -> None:
    # when the merchant deletes an attribute the T-shirt type uses
    payload = await wardrobe.run(ATTRIBUTE_DELETE, {"id": wardrobe.ids["material"]})
    # then it is refused and the attribute is still there
    assert payload["deletedId"] is None
    assert errors_of(payload) == [(["id"], "INVALID_STATE")]
    assert "T-shirt" in payload["userErrors"][0]["message"]
    found = await wardrobe.merchant.run(ATTRIBUTE_BY_SLUG, {"slug": "material"})
    assert found.data["attribute"] is not None


async def test_an_unused_attribute_is_deleted(wardrobe: Wardrobe) -> None:
    # when the merchant deletes the gift-wrap attribute, which no type uses
    payload = ok(await wardrobe.run(ATTRIBUTE_DELETE, {"id": wardrobe.ids["gift-wrap"]}))
    # then it is gone
    assert payload["deletedId"] == wardrobe.ids["gift-wrap"]
    found = await wardrobe.merchant.run(ATTRIBUTE_BY_SLUG, {"slug": "gift-wrap"})
    assert found.data["attribute"] is None
    again = await wardrobe.merchant.run(ATTRIBUTE_DELETE, {"id": wardrobe.ids["gift-wrap"]})
    assert again.error_codes == ["NOT_FOUND"]


async def test_a_product_attribute_removed_from_the_type_and_deleted_leaves_no_values(
    wardrobe: Wardrobe,
) -> None:
    # given a T-shirt of wool; the material attribute is taken off the type, then deleted
    tee = await wardrobe.shirt(material={"choices": ["wool"]}, fit={"text": "Slim"})
    ok(
        await wardrobe.run(
            PRODUCT_TYPE_UPDATE,
            {"id": wardrobe.ids["tshirt"], "input": {"productAttributeIds": [wardrobe.ids["fit"]]}},
        )
    )
    ok(await wardrobe.run(ATTRIBUTE_DELETE, {"id": wardrobe.ids["material"]}))
    # then the shirt keeps only its fit
    assert (await wardrobe.values(tee))["attributes"] == {"fit": "Slim"}


# --- product types -----------------------------------------------------------------------------


async def test_a_product_type_lists_its_product_and_variant_attributes_in_order(
    wardrobe: Wardrobe,
) -> None:
    # when a type is created with attributes in a chosen order
    ids = wardrobe.ids
    payload = ok(
        await create_type(
            wardrobe.merchant,
            name="Sweater Knit",
            productAttributeIds=[ids["fit"], ids["material"]],
            variantAttributeIds=[ids["colour"], ids["size"], ids["gift-wrap"]],
        )
    )
    # then it keeps that order, and gets a slug from its name
    assert payload["productType"]["slug"] == "sweater-knit"
    listed = await wardrobe.merchant.run(PRODUCT_TYPE_LIST)
    sweater = next(t for t in listed.data["productTypes"]["nodes"] if t["name"] == "Sweater Knit")
    assert sweater["productAttributes"] == [{"slug": "fit"}, {"slug": "material"}]
    assert sweater["variantAttributes"] == [
        {"slug": "colour"},
        {"slug": "size"},
        {"slug": "gift-wrap"},
    ]


async def test_a_taken_product_type_slug_is_a_duplicate(wardrobe: Wardrobe) -> None:
    payload = await create_type(wardrobe.merchant, name="Tee", slug="t-shirt")
    assert errors_of(payload) == [(["slug"], "DUPLICATE")]


@pytest.mark.parametrize("key", ["material", "weight", "care", "released", "fit"])
async def test_variants_are_told_apart_only_by_single_choice_or_yes_no_attributes(
    wardrobe: Wardrobe, key: str
) -> None:
    # when a type would tell variants apart by a multi select, number, text or date
    payload = await create_type(
        wardrobe.merchant,
        name="Odd",
        variantAttributeIds=[wardrobe.ids["size"], wardrobe.ids[key]],
    )
    # then it is refused, naming that attribute's place in the list
    assert payload["productType"] is None
    assert errors_of(payload) == [(path("variantAttributeIds.1"), "INVALID")]


async def test_an_attribute_describes_the_product_or_its_variants_not_both(
    wardrobe: Wardrobe,
) -> None:
    ids = wardrobe.ids
    payload = await create_type(
        wardrobe.merchant,
        name="Odd",
        productAttributeIds=[ids["size"]],
        variantAttributeIds=[ids["size"]],
    )
    assert errors_of(payload) == [(["variantAttributeIds"], "INVALID")]


async def test_an_attribute_listed_twice_is_refused(wardrobe: Wardrobe) -> None:
    fit = wardrobe.ids["fit"]
    payload = await create_type(wardrobe.merchant, name="Odd", productAttributeIds=[fit, fit])
    assert errors_of(payload) == [(["productAttributeIds"], "INVALID")]


async def test_an_unknown_attribute_is_not_found_at_its_place_in_the_list(
    wardrobe: Wardrobe,
) -> None:
    # given an attribute id that is deleted again
    gone = wardrobe.ids["gift-wrap"]
    ok(await wardrobe.run(ATTRIBUTE_DELETE, {"id": gone}))
    # when a type lists it second
    payload = await create_type(
        wardrobe.merchant, name="Odd", productAttributeIds=[wardrobe.ids["fit"], gone]
    )
    # then it is not found, at its index
    assert errors_of(payload) == [(path("productAttributeIds.1"), "NOT_FOUND")]


async def test_variant_attributes_are_fixed_once_a_product_uses_the_type(
    wardrobe: Wardrobe,
) -> None:
    ids = wardrobe.ids
    update = {"id": ids["tshirt"], "input": {"variantAttributeIds": [ids["size"]]}}
    # given no product has the type yet: its variant attributes may change
    ok(await wardrobe.run(PRODUCT_TYPE_UPDATE, update))
    # when a product gets the type
    await wardrobe.shirt()
    # then they are fixed, while product attributes still change
    back = {"id": ids["tshirt"], "input": {"variantAttributeIds": [ids["size"], ids["colour"]]}}
    assert errors_of(await wardrobe.run(PRODUCT_TYPE_UPDATE, back)) == [
        (["variantAttributeIds"], "INVALID_STATE")
    ]
    renamed = {"id": ids["tshirt"], "input": {"name": "Tee", "productAttributeIds": [ids["fit"]]}}
    payload = ok(await wardrobe.run(PRODUCT_TYPE_UPDATE, renamed))
    assert payload["productType"]["variantAttributes"] == [{"id": ids["size"]}]
    assert payload["productType"]["productAttributes"] == [{"id": ids["fit"]}]


async def test_removing_a_product_attribute_from_a_type_removes_its_values_from_products(
    wardrobe: Wardrobe,
) -> None:
    # given a T-shirt with a material and a fit
    tee = await wardrobe.shirt(material={"choices": ["cotton"]}, fit={"text": "Slim"})
    # when the type drops the material
    ok(
        await wardrobe.run(
            PRODUCT_TYPE_UPDATE,
            {"id": wardrobe.ids["tshirt"], "input": {"productAttributeIds": [wardrobe.ids["fit"]]}},
        )
    )
    # then the shirt has no material any more, even once the type takes it back
    assert (await wardrobe.values(tee))["attributes"] == {"fit": "Slim"}
    ok(
        await wardrobe.run(
            PRODUCT_TYPE_UPDATE,
            {
                "id": wardrobe.ids["tshirt"],
                "input": {"productAttributeIds": [wardrobe.ids["material"], wardrobe.ids["fit"]]},
            },
        )
    )
    assert (await wardrobe.values(tee))["attributes"] == {"fit": "Slim"}


async def test_a_product_type_in_use_cannot_be_deleted(wardrobe: Wardrobe) -> None:
    # given a product of the T-shirt type, even an archived one
    tee = await wardrobe.shirt()
    await wardrobe.catalog.archive_product(tee)
    # when the type is deleted
    payload = await wardrobe.run(PRODUCT_TYPE_DELETE, {"id": wardrobe.ids["tshirt"]})
    # then it is refused and still listed
    assert errors_of(payload) == [(["id"], "INVALID_STATE")]
    listed = await wardrobe.merchant.run(PRODUCT_TYPE_LIST)
    assert [t["name"] for t in listed.data["productTypes"]["nodes"]] == ["T-shirt"]


async def test_an_unused_product_type_is_deleted(wardrobe: Wardrobe) -> None:
    payload = ok(await wardrobe.run(PRODUCT_TYPE_DELETE, {"id": wardrobe.ids["tshirt"]}))
    assert payload["deletedId"] == wardrobe.ids["tshirt"]
    listed = await wardrobe.merchant.run(PRODUCT_TYPE_LIST)
    assert listed.data["productTypes"]["nodes"] == []
    # and its attributes, now unused, may be deleted
    ok(await wardrobe.run(ATTRIBUTE_DELETE, {"id": wardrobe.ids["size"]}))


# --- reading --------------------------------------------------------------------------------------


async def test_product_types_are_for_the_back_office_only(
    wardrobe: Wardrobe, client: GraphQLClient
) -> None:
    # given a storefront visitor
    _storefront_id, token = await wardrobe.merchant.storefront("Web")
    # when it lists the product types, or asks for one by id
    listed = await client.execute(PRODUCT_TYPE_LIST, storefront=token)
    by_id = await client.execute(NODE, {"id": wardrobe.ids["tshirt"]}, storefront=token)
    # then both are refused, and nothing of them is in the answer
    for refused in (listed, by_id):
        assert len(refused.errors) == 1 and refused.error_codes[0] in {
            "UNAUTHENTICATED",
            "FORBIDDEN",
        }, refused.body
        assert "T-shirt" not in str(refused.body)
        assert wardrobe.ids["tshirt"] not in str(refused.body.get("data"))
    # while an attribute is readable by id
    attribute = await client.execute(NODE, {"id": wardrobe.ids["size"]}, storefront=token)
    assert attribute.data["node"] == {"id": wardrobe.ids["size"]}


async def test_without_a_storefront_token_attributes_are_not_readable(
    wardrobe: Wardrobe, client: GraphQLClient
) -> None:
    result = await client.execute(ATTRIBUTE_LIST)
    assert result.error_codes == ["UNAUTHENTICATED"]


# --- tenants --------------------------------------------------------------------------------------


async def test_another_merchants_attribute_is_not_found_for_a_product_type(
    wardrobe: Wardrobe, merchant_b: MerchantWorld
) -> None:
    # given an attribute of merchant bravo
    theirs = await Catalog(merchant_b).attribute("Size", "SINGLE_SELECT", ["S"])
    # when merchant alpha uses it in a product type
    payload = await create_type(
        wardrobe.merchant,
        name="Stolen",
        productAttributeIds=[wardrobe.ids["fit"]],
        variantAttributeIds=[theirs],
    )
    # then it does not exist for alpha
    assert errors_of(payload) == [(path("variantAttributeIds.0"), "NOT_FOUND")]
