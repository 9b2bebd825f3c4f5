"""Attribute values: what products and variants hold for their type's attributes.

A product holds values of its type's product attributes, each checked against the attribute's
kind. A variant holds exactly one value per variant attribute of the type, and no two live
variants of a product hold the same combination. Staff and storefront visitors read them back.
"""

from typing import Any

import pytest

from tests.support.actors import MerchantWorld, ok
from tests.support.catalog import (
    PRODUCT_ATTRIBUTE_VALUES,
    PRODUCT_CREATE,
    PRODUCT_TYPE_DELETE,
    PRODUCT_UPDATE,
    SELECTED_ATTRIBUTE,
    VARIANT_CREATE,
    VARIANT_UPDATE,
    Catalog,
    Wardrobe,
    attribute_values,
)
from tests.support.client import GraphQLClient

ATTRIBUTE_LIST = "{ attributes(first: 100) { nodes { slug } } }"
ATTRIBUTE_BY_SLUG = "query($slug: String!) { attribute(slug: $slug) { choices { color } } }"
VISITOR_PRODUCT = f"""
query($slug: String!) {{
  product(slug: $slug) {{
    name
    attributes {{ {SELECTED_ATTRIBUTE} }}
    variants {{ sku attributes {{ {SELECTED_ATTRIBUTE} }} }}
  }}
}}
"""

ErrorList = list[tuple[list[str] | None, str]]


def errors_of(payload: dict[str, Any]) -> ErrorList:
    return [(error["field"], error["code"]) for error in payload["userErrors"]]


def path(dotted: str) -> list[str]:
    return dotted.split(".")


@pytest.fixture
async def wardrobe(merchant_a: MerchantWorld) -> Wardrobe:
    return await Wardrobe.build(merchant_a)


def ordered(selected: list[dict[str, Any]]) -> list[str]:
    return [item["attribute"]["slug"] for item in selected]


# --- product values ----------------------------------------------------------------------------


async def test_a_product_gets_its_type_and_values_when_created(wardrobe: Wardrobe) -> None:
    # when a T-shirt is created with a value for each product attribute (given out of order)
    tee = await wardrobe.shirt(
        fit={"text": "  Slim  "},
        released={"date": "2026-03-14"},
        organic={"boolean": False},
        care={"text": "<p>Wash <strong>cold</strong></p>"},
        weight={"number": "0.180"},
        material={"choices": ["wool", "cotton"]},
    )
    # then it has the type, and reads its values back in the type's order
    result = await wardrobe.merchant.run(PRODUCT_ATTRIBUTE_VALUES, {"id": tee})
    product = result.data["product"]
    assert product["productType"] == {"id": wardrobe.ids["tshirt"]}
    assert ordered(product["attributes"]) == [
        "material",
        "weight",
        "care",
        "organic",
        "released",
        "fit",
    ]
    assert attribute_values(product["attributes"]) == {
        "material": ["cotton", "wool"],  # in the attribute's choice order
        "weight": "0.18",
        "care": "<p>Wash <strong>cold</strong></p>",
        "organic": False,
        "released": "2026-03-14",
        "fit": "Slim",
    }


async def test_values_given_on_update_replace_only_those_attributes(wardrobe: Wardrobe) -> None:
    # given a linen T-shirt with a slim fit
    tee = await wardrobe.shirt(material={"choices": ["linen"]}, fit={"text": "Slim"})
    # when the update gives a new material, and the fit without a value
    result = await wardrobe.merchant.run(
        PRODUCT_UPDATE,
        {
            "id": tee,
            "input": {"attributes": wardrobe.given(material={"choices": ["wool"]}, fit={})},
        },
    )
    ok(result.data["productUpdate"])
    # then the material is replaced, the fit is cleared, nothing else is touched
    assert (await wardrobe.values(tee))["attributes"] == {"material": ["wool"]}


@pytest.mark.parametrize(
    ("key", "value", "wrong"),
    [
        ("material", {"number": "2"}, "number"),
        ("weight", {"text": "2 kg"}, "text"),
        ("organic", {"choices": ["yes"]}, "choices"),
        ("released", {"boolean": True}, "boolean"),
        ("fit", {"date": "2026-01-01"}, "date"),
    ],
)
async def test_a_value_of_the_wrong_kind_is_refused_naming_the_field(
    wardrobe: Wardrobe, key: str, value: dict[str, Any], wrong: str
) -> None:
    # when a T-shirt is created with the value in a field its attribute does not take
    result = await wardrobe.merchant.run(
        PRODUCT_CREATE,
        {
            "input": {
                "name": "Tee",
                "productTypeId": wardrobe.ids["tshirt"],
                "attributes": wardrobe.given(**{key: value}),
            }
        },
    )
    # then it is refused, naming that field, and no product is created
    payload = result.data["productCreate"]
    assert payload["product"] is None
    assert errors_of(payload) == [(path(f"attributes.0.{wrong}"), "INVALID")]
    listed = await wardrobe.merchant.run("{ products(first: 10) { nodes { id } } }")
    assert listed.data["products"]["nodes"] == []


async def product_errors(wardrobe: Wardrobe, **values: dict[str, Any]) -> ErrorList:
    tee = await wardrobe.shirt()
    result = await wardrobe.merchant.run(
        PRODUCT_UPDATE, {"id": tee, "input": {"attributes": wardrobe.given(**values)}}
    )
    return errors_of(result.data["productUpdate"])


async def test_an_unknown_choice_is_not_found(wardrobe: Wardrobe) -> None:
    errors = await product_errors(wardrobe, fit={"text": "Slim"}, material={"choices": ["silk"]})
    assert errors == [(path("attributes.1.choices"), "NOT_FOUND")]


async def test_a_single_select_takes_one_choice(wardrobe: Wardrobe) -> None:
    # given a type with a single-select product attribute
    ids = wardrobe.ids
    shoe = await wardrobe.catalog.product_type("Shoe", [ids["size"]])
    product = await wardrobe.catalog.product("Runner", productTypeId=shoe)
    # when a product of it is given two sizes, then one
    two = await wardrobe.merchant.run(
        PRODUCT_UPDATE,
        {
            "id": product,
            "input": {"attributes": [{"attributeId": ids["size"], "choices": ["s", "m"]}]},
        },
    )
    one = await wardrobe.merchant.run(
        PRODUCT_UPDATE,
        {"id": product, "input": {"attributes": [{"attributeId": ids["size"], "choices": ["M"]}]}},
    )
    # then two are refused and one is taken
    assert errors_of(two.data["productUpdate"]) == [(path("attributes.0.choices"), "INVALID")]
    ok(one.data["productUpdate"])
    assert (await wardrobe.values(product))["attributes"] == {"size": ["m"]}


@pytest.mark.parametrize(
    ("given", "stored"), [("2.50", "2.5"), ("0.180", "0.18"), ("1e3", "1000"), (" 12 ", "12")]
)
async def test_a_number_is_stored_in_its_plain_shortest_form(
    wardrobe: Wardrobe, given: str, stored: str
) -> None:
    tee = await wardrobe.shirt(weight={"number": given})
    assert (await wardrobe.values(tee))["attributes"] == {"weight": stored}


@pytest.mark.parametrize(
    "given", ["two", "1,5", "NaN", "1e15", "0.0000000000000000000001", "0." + "1" * 40]
)
async def test_an_invalid_number_is_refused(wardrobe: Wardrobe, given: str) -> None:
    assert await product_errors(wardrobe, weight={"number": given}) == [
        (path("attributes.0.number"), "INVALID")
    ]


async def test_rich_text_values_are_sanitised(wardrobe: Wardrobe) -> None:
    # when the care notes hold formatting and a script
    tee = await wardrobe.shirt(
        care={"text": '<p onclick="steal()">Wash <em>cold</em></p><script>steal()</script>'}
    )
    # then the formatting stays and the script goes
    care = (await wardrobe.values(tee))["attributes"]["care"]
    assert care == "<p>Wash <em>cold</em></p>"


async def test_an_attribute_the_type_does_not_have_for_products_is_not_found(
    wardrobe: Wardrobe,
) -> None:
    # the size defines variants: it is no product-level attribute of the T-shirt type
    errors = await product_errors(wardrobe, size={"choices": ["m"]})
    assert errors == [(path("attributes.0.attributeId"), "NOT_FOUND")]
    errors = await product_errors(wardrobe, **{"gift-wrap": {"boolean": True}})
    assert errors == [(path("attributes.0.attributeId"), "NOT_FOUND")]


async def test_attribute_values_need_a_product_type(wardrobe: Wardrobe) -> None:
    result = await wardrobe.merchant.run(
        PRODUCT_CREATE,
        {"input": {"name": "Tee", "attributes": wardrobe.given(fit={"text": "Slim"})}},
    )
    assert errors_of(result.data["productCreate"]) == [(["productTypeId"], "INVALID")]


async def test_a_product_type_cannot_change_once_set(wardrobe: Wardrobe) -> None:
    # given a T-shirt, and another type
    tee = await wardrobe.shirt(fit={"text": "Slim"})
    other = await wardrobe.catalog.product_type("Sweater", [wardrobe.ids["fit"]])
    # when the shirt is given the other type
    moved = await wardrobe.merchant.run(
        PRODUCT_UPDATE, {"id": tee, "input": {"productTypeId": other}}
    )
    # then it is refused; restating its own type is fine
    assert errors_of(moved.data["productUpdate"]) == [(["productTypeId"], "INVALID_STATE")]
    same = await wardrobe.merchant.run(
        PRODUCT_UPDATE, {"id": tee, "input": {"productTypeId": wardrobe.ids["tshirt"]}}
    )
    ok(same.data["productUpdate"])
    assert (await wardrobe.values(tee))["type"] == wardrobe.ids["tshirt"]


async def test_an_untyped_product_may_get_a_type_later(wardrobe: Wardrobe) -> None:
    # given a product without a type or variants
    tee = await wardrobe.catalog.product("Tee")
    # when it gets the T-shirt type with a value
    result = await wardrobe.merchant.run(
        PRODUCT_UPDATE,
        {
            "id": tee,
            "input": {
                "productTypeId": wardrobe.ids["tshirt"],
                "attributes": wardrobe.given(fit={"text": "Boxy"}),
            },
        },
    )
    ok(result.data["productUpdate"])
    # then it has both
    values = await wardrobe.values(tee)
    assert (values["type"], values["attributes"]) == (wardrobe.ids["tshirt"], {"fit": "Boxy"})


async def test_a_type_defining_variants_is_not_given_to_a_product_with_variants(
    wardrobe: Wardrobe,
) -> None:
    # given an untyped product with a variant
    tee = await wardrobe.catalog.product("Tee")
    await wardrobe.catalog.variant(tee, "TEE-1")
    # when it is given the T-shirt type, whose variants need a size and colour
    result = await wardrobe.merchant.run(
        PRODUCT_UPDATE, {"id": tee, "input": {"productTypeId": wardrobe.ids["tshirt"]}}
    )
    # then it is refused: its variant has neither
    assert errors_of(result.data["productUpdate"]) == [(["productTypeId"], "INVALID_STATE")]
    assert (await wardrobe.values(tee))["type"] is None


async def test_an_unknown_product_type_is_not_found(wardrobe: Wardrobe) -> None:
    gone = await wardrobe.catalog.product_type("Gone")
    ok(await wardrobe.run(PRODUCT_TYPE_DELETE, {"id": gone}))
    result = await wardrobe.merchant.run(
        PRODUCT_CREATE, {"input": {"name": "Tee", "productTypeId": gone}}
    )
    assert errors_of(result.data["productCreate"]) == [(["productTypeId"], "NOT_FOUND")]


# --- variant values ----------------------------------------------------------------------------


async def test_a_variant_without_a_name_is_named_after_its_defining_values(
    wardrobe: Wardrobe,
) -> None:
    # given a T-shirt
    tee = await wardrobe.shirt()
    # when variants are created with a size and a colour, one of them named
    medium = ok(
        await wardrobe.variant(
            tee, "TEE-M-BLK", colour={"choices": ["black"]}, size={"choices": ["m"]}
        )
    )
    named = await wardrobe.run(
        VARIANT_CREATE,
        {
            "product": tee,
            "input": {
                "sku": "TEE-L-WHT",
                "name": "Large white",
                "attributes": wardrobe.given(
                    size={"choices": ["l"]}, colour={"choices": ["white"]}
                ),
            },
        },
    )
    # then the unnamed one is named after its values in the type's order, the other keeps its name
    assert medium["variant"]["name"] == "M / Black"
    assert ok(named)["variant"]["name"] == "Large white"
    variants = (await wardrobe.values(tee))["variants"]
    assert variants == {
        "TEE-M-BLK": {"name": "M / Black", "size": ["m"], "colour": ["black"]},
        "TEE-L-WHT": {"name": "Large white", "size": ["l"], "colour": ["white"]},
    }


async def test_a_yes_no_defining_value_names_the_variant_with_its_attribute(
    wardrobe: Wardrobe,
) -> None:
    ids = wardrobe.ids
    gift = await wardrobe.catalog.product_type("Gift", [], [ids["size"], ids["gift-wrap"]])
    box = await wardrobe.catalog.product("Box", productTypeId=gift)
    wrapped = ok(
        await wardrobe.variant(
            box, "BOX-S-W", size={"choices": ["s"]}, **{"gift-wrap": {"boolean": True}}
        )
    )
    plain = ok(
        await wardrobe.variant(
            box, "BOX-S", size={"choices": ["s"]}, **{"gift-wrap": {"boolean": False}}
        )
    )
    assert wrapped["variant"]["name"] == "S / Gift wrap: Yes"
    assert plain["variant"]["name"] == "S / Gift wrap: No"


async def test_a_variant_needs_a_value_for_every_defining_attribute(wardrobe: Wardrobe) -> None:
    tee = await wardrobe.shirt()
    for values in ({}, {"size": {"choices": ["m"]}}, {"size": {"choices": ["m"]}, "colour": {}}):
        payload = await wardrobe.variant(tee, "TEE-M", **values)
        assert payload["variant"] is None
        assert errors_of(payload) == [(["attributes"], "REQUIRED")]
    assert (await wardrobe.values(tee))["variants"] == {}


async def test_a_variant_takes_only_the_types_defining_attributes(wardrobe: Wardrobe) -> None:
    tee = await wardrobe.shirt()
    payload = await wardrobe.variant(
        tee, "TEE-M", size={"choices": ["m"]}, colour={"choices": ["black"]}, fit={"text": "Slim"}
    )
    assert errors_of(payload) == [(path("attributes.2.attributeId"), "NOT_FOUND")]


async def test_two_live_variants_cannot_share_their_defining_values(wardrobe: Wardrobe) -> None:
    # given a medium black T-shirt variant
    tee = await wardrobe.shirt()
    ok(await wardrobe.variant(tee, "TEE-1", size={"choices": ["m"]}, colour={"choices": ["black"]}))
    # when another medium black variant is created
    payload = await wardrobe.variant(
        tee, "TEE-2", colour={"choices": ["black"]}, size={"choices": ["m"]}
    )
    # then it is a duplicate, naming the existing variant
    assert errors_of(payload) == [(["attributes"], "DUPLICATE")]
    assert "TEE-1" in payload["userErrors"][0]["message"]
    # while another product may have a medium black variant of its own
    other = await wardrobe.shirt("Other tee")
    ok(
        await wardrobe.variant(
            other, "OTHER-1", size={"choices": ["m"]}, colour={"choices": ["black"]}
        )
    )


async def test_an_archived_variant_frees_its_combination(wardrobe: Wardrobe) -> None:
    # given a medium black variant that is archived
    tee = await wardrobe.shirt()
    old = ok(
        await wardrobe.variant(
            tee, "TEE-OLD", size={"choices": ["m"]}, colour={"choices": ["black"]}
        )
    )
    await wardrobe.catalog.archive_variant(old["variant"]["id"])
    # when a new medium black variant is created
    new = await wardrobe.variant(
        tee, "TEE-NEW", size={"choices": ["m"]}, colour={"choices": ["black"]}
    )
    # then it is
    assert ok(new)["variant"]["name"] == "M / Black"
    assert list((await wardrobe.values(tee))["variants"]) == ["TEE-NEW"]


async def test_updating_one_defining_value_keeps_the_other(wardrobe: Wardrobe) -> None:
    # given medium black and large black variants
    tee = await wardrobe.shirt()
    medium = ok(
        await wardrobe.variant(tee, "TEE-M", size={"choices": ["m"]}, colour={"choices": ["black"]})
    )["variant"]
    ok(await wardrobe.variant(tee, "TEE-L", size={"choices": ["l"]}, colour={"choices": ["black"]}))
    # when the medium one becomes white
    payload = await wardrobe.run(
        VARIANT_UPDATE,
        {
            "id": medium["id"],
            "input": {"attributes": wardrobe.given(colour={"choices": ["white"]})},
        },
    )
    # then it is medium white, and its name, made from its values, follows them
    ok(payload)
    variant = (await wardrobe.values(tee))["variants"]["TEE-M"]
    assert (variant["size"], variant["colour"]) == (["m"], ["white"])
    assert variant["name"] == "M / White"
    # and it cannot become large black: that combination is taken
    taken = await wardrobe.run(
        VARIANT_UPDATE,
        {
            "id": medium["id"],
            "input": {
                "attributes": wardrobe.given(size={"choices": ["l"]}, colour={"choices": ["black"]})
            },
        },
    )
    assert errors_of(taken) == [(["attributes"], "DUPLICATE")]
    # nor lose its colour
    cleared = await wardrobe.run(
        VARIANT_UPDATE,
        {"id": medium["id"], "input": {"attributes": wardrobe.given(colour={"choices": []})}},
    )
    assert errors_of(cleared) == [(["attributes"], "REQUIRED")]
    assert (await wardrobe.values(tee))["variants"]["TEE-M"]["colour"] == ["white"]


async def test_a_name_the_merchant_chose_stays_when_the_values_change(wardrobe: Wardrobe) -> None:
    tee = await wardrobe.shirt()
    values = wardrobe.given(size={"choices": ["m"]}, colour={"choices": ["black"]})
    created = await wardrobe.run(
        VARIANT_CREATE,
        {"product": tee, "input": {"sku": "TEE-M", "name": "Medium tee", "attributes": values}},
    )
    variant = ok(created)["variant"]
    changed = {
        "id": variant["id"],
        "input": {"attributes": wardrobe.given(size={"choices": ["l"]})},
    }
    ok(await wardrobe.run(VARIANT_UPDATE, changed))
    assert (await wardrobe.values(tee))["variants"]["TEE-M"]["name"] == "Medium tee"


async def test_a_variant_update_without_values_leaves_them_alone(wardrobe: Wardrobe) -> None:
    tee = await wardrobe.shirt()
    variant = ok(
        await wardrobe.variant(tee, "TEE-M", size={"choices": ["m"]}, colour={"choices": ["black"]})
    )["variant"]
    ok(await wardrobe.run(VARIANT_UPDATE, {"id": variant["id"], "input": {"weightGrams": 180}}))
    assert (await wardrobe.values(tee))["variants"]["TEE-M"] == {
        "name": "M / Black",
        "size": ["m"],
        "colour": ["black"],
    }


async def test_a_variant_of_an_untyped_product_takes_no_values(wardrobe: Wardrobe) -> None:
    runner = await wardrobe.catalog.product("Runner")
    payload = await wardrobe.variant(runner, "RUN-1", size={"choices": ["m"]})
    assert errors_of(payload) == [(["attributes"], "INVALID")]


# --- reading --------------------------------------------------------------------------------------


async def test_values_read_back_with_their_attributes_and_chosen_choices(
    wardrobe: Wardrobe,
) -> None:
    # given a T-shirt with a material and a black medium variant
    tee = await wardrobe.shirt(material={"choices": ["linen"]}, weight={"number": "0.2"})
    ok(await wardrobe.variant(tee, "TEE-M", size={"choices": ["m"]}, colour={"choices": ["black"]}))
    # when staff read the product
    result = await wardrobe.merchant.run(
        """
        query($id: ID!) {
          product(id: $id) {
            attributes {
              attribute { name slug kind unit }
              choices { name slug color } text number boolean date
            }
            variants { attributes { attribute { slug kind } choices { name slug color } } }
          }
        }
        """,
        {"id": tee},
    )
    # then each value comes with its attribute, and choice values with the choice itself
    product = result.data["product"]
    assert product["attributes"] == [
        {
            "attribute": {
                "name": "Material",
                "slug": "material",
                "kind": "MULTI_SELECT",
                "unit": None,
            },
            "choices": [{"name": "Linen", "slug": "linen", "color": None}],
            "text": None,
            "number": None,
            "boolean": None,
            "date": None,
        },
        {
            "attribute": {"name": "Weight", "slug": "weight", "kind": "NUMBER", "unit": "kg"},
            "choices": [],
            "text": None,
            "number": "0.2",
            "boolean": None,
            "date": None,
        },
    ]
    assert product["variants"] == [
        {
            "attributes": [
                {
                    "attribute": {"slug": "size", "kind": "SINGLE_SELECT"},
                    "choices": [{"name": "M", "slug": "m", "color": None}],
                },
                {
                    "attribute": {"slug": "colour", "kind": "SWATCH"},
                    "choices": [{"name": "Black", "slug": "black", "color": "#000000"}],
                },
            ]
        }
    ]


async def test_a_product_without_a_type_has_no_attributes(merchant_a: MerchantWorld) -> None:
    runner = await Catalog(merchant_a).product("Runner")
    result = await merchant_a.run(
        "query($id: ID!) { product(id: $id) { productType { id } attributes { text } } }",
        {"id": runner},
    )
    assert result.data["product"] == {"productType": None, "attributes": []}


async def test_a_visitor_reads_the_values_of_a_published_product_and_the_attributes(
    wardrobe: Wardrobe, client: GraphQLClient
) -> None:
    # given a published T-shirt with values, and an unpublished one
    storefront_id, token = await wardrobe.merchant.storefront("Web")
    tee = await wardrobe.catalog.product(
        "Tee",
        slug="tee",
        productTypeId=wardrobe.ids["tshirt"],
        attributes=wardrobe.given(material={"choices": ["cotton"]}, organic={"boolean": True}),
    )
    ok(await wardrobe.variant(tee, "TEE-M", size={"choices": ["m"]}, colour={"choices": ["white"]}))
    await wardrobe.catalog.publish(tee, storefront_id)
    await wardrobe.shirt("Draft", material={"choices": ["wool"]})
    # when a visitor reads the published one
    result = await client.execute(VISITOR_PRODUCT, {"slug": "tee"}, storefront=token)
    # then it sees its values and its variants' values
    assert result.errors == [], result.body
    product = result.data["product"]
    assert attribute_values(product["attributes"]) == {"material": ["cotton"], "organic": True}
    assert attribute_values(product["variants"][0]["attributes"]) == {
        "size": ["m"],
        "colour": ["white"],
    }
    # and lists the merchant's attributes, and finds one by slug
    listed = await client.execute(ATTRIBUTE_LIST, storefront=token)
    assert len(listed.data["attributes"]["nodes"]) == 9
    found = await client.execute(ATTRIBUTE_BY_SLUG, {"slug": "colour"}, storefront=token)
    assert [c["color"] for c in found.data["attribute"]["choices"]] == ["#000000", "#ffffff"]


# --- tenants --------------------------------------------------------------------------------------


async def test_another_merchants_product_type_and_attributes_are_not_found_for_a_product(
    wardrobe: Wardrobe, merchant_b: MerchantWorld
) -> None:
    # given bravo's type with its own attribute
    bravo = Catalog(merchant_b)
    their_fit = await bravo.attribute("Fit", "TEXT")
    their_type = await bravo.product_type("Tee", [their_fit])
    # when alpha gives a product bravo's type, or a T-shirt a value of bravo's attribute
    typed = await wardrobe.merchant.run(
        PRODUCT_CREATE, {"input": {"name": "Tee", "productTypeId": their_type}}
    )
    valued = await wardrobe.merchant.run(
        PRODUCT_CREATE,
        {
            "input": {
                "name": "Tee",
                "productTypeId": wardrobe.ids["tshirt"],
                "attributes": [{"attributeId": their_fit, "text": "Slim"}],
            }
        },
    )
    # then neither exists for alpha
    assert errors_of(typed.data["productCreate"]) == [(["productTypeId"], "NOT_FOUND")]
    assert errors_of(valued.data["productCreate"]) == [
        (path("attributes.0.attributeId"), "NOT_FOUND")
    ]
