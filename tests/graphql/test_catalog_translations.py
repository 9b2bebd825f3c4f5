"""Translations: visitors read catalog text in their language, falling back to the default."""

from dataclasses import dataclass
from typing import Any

import pytest

from tests.support.actors import MerchantWorld, ok
from tests.support.catalog import Catalog

TRANSLATE = """
mutation($id: ID!, $language: String!, $input: TranslationInput!) {
  translationSet(id: $id, languageCode: $language, input: $input) {
    fields { field value } userErrors { field message code }
  }
}
"""
TRANSLATE_CHOICE = """
mutation($attribute: ID!, $choice: String!, $language: String!, $name: String!) {
  attributeChoiceTranslationSet(
    attributeId: $attribute, choiceSlug: $choice, languageCode: $language, name: $name
  ) { fields { field value } userErrors { field message code } }
}
"""
PRODUCT_PAGE = """
query($slug: String!, $language: String) {
  product(slug: $slug, languageCode: $language) {
    name descriptionHtml seoTitle
    category { name description }
    attributes { attribute { name } choices { name } }
    variants { name }
  }
}
"""
LISTING = """
query($language: String) {
  products(first: 10, languageCode: $language) { nodes { name } }
  collections(first: 10) { nodes { name products(first: 5) { nodes { name } } } }
}
"""


@dataclass(frozen=True)
class Shop:
    merchant: MerchantWorld
    token: str
    ids: dict[str, str]

    async def read(self, query: str, **variables: Any) -> Any:
        result = await self.merchant.client.execute(query, variables, storefront=self.token)
        return result


@pytest.fixture
async def shop(merchant_a: MerchantWorld) -> Shop:
    """A web storefront in English and French selling one wool sweater in size M."""
    catalog = Catalog(merchant_a)
    storefront_id, token = await merchant_a.storefront("Web", "EUR", languages=["en", "fr"])
    material = await catalog.attribute("Material", "SINGLE_SELECT", ["Wool"])
    size = await catalog.attribute("Size", "SINGLE_SELECT", ["M"])
    sweater_type = await catalog.product_type("Sweater", [material], [size])
    knitwear = await catalog.category("Knitwear")
    sweater = await catalog.product(
        "Sweater",
        slug="sweater",
        descriptionHtml="<p>Warm</p>",
        seoTitle="Warm sweater",
        categoryId=knitwear,
        productTypeId=sweater_type,
        attributes=[{"attributeId": material, "choices": ["wool"]}],
    )
    variant = await catalog.variant(
        sweater, "SW-M", attributes=[{"attributeId": size, "choices": ["m"]}]
    )
    await catalog.publish(sweater, storefront_id)
    ids = {
        "sweater": sweater,
        "variant": variant,
        "knitwear": knitwear,
        "material": material,
        "storefront": storefront_id,
    }
    return Shop(merchant_a, token, ids)


async def translate(shop: Shop, id: str, language: str, **fields: str) -> dict[str, Any]:
    result = await shop.merchant.run(TRANSLATE, {"id": id, "language": language, "input": fields})
    return dict(result.data["translationSet"])


async def test_a_visitor_reads_the_catalog_in_a_language_of_the_storefront(shop: Shop) -> None:
    # given French translations of the product, its variant, category, attribute and choice
    ok(
        await translate(
            shop, shop.ids["sweater"], "fr", name="Pull", descriptionHtml="<p>Chaud</p>"
        )
    )
    ok(await translate(shop, shop.ids["variant"], "fr", name="Moyen"))
    ok(await translate(shop, shop.ids["knitwear"], "fr", name="Tricots"))
    ok(await translate(shop, shop.ids["material"], "fr", name="Matière"))
    choice = await shop.merchant.run(
        TRANSLATE_CHOICE,
        {"attribute": shop.ids["material"], "choice": "wool", "language": "fr", "name": "Laine"},
    )
    ok(choice.data["attributeChoiceTranslationSet"])
    # when a visitor reads the product in French
    french = await shop.read(PRODUCT_PAGE, slug="sweater", language="fr")
    # then translated text is French and the rest falls back to the text as entered
    assert french.data["product"] == {
        "name": "Pull",
        "descriptionHtml": "<p>Chaud</p>",
        "seoTitle": "Warm sweater",
        "category": {"name": "Tricots", "description": ""},
        "attributes": [{"attribute": {"name": "Matière"}, "choices": [{"name": "Laine"}]}],
        "variants": [{"name": "Moyen"}],
    }
    # and in English (the default) or without a language, as entered
    for language in ("en", None):
        english = await shop.read(PRODUCT_PAGE, slug="sweater", language=language)
        assert english.data["product"]["name"] == "Sweater"
        assert english.data["product"]["variants"] == [{"name": "M"}]


async def test_a_language_the_storefront_does_not_offer_is_refused(shop: Shop) -> None:
    result = await shop.read(PRODUCT_PAGE, slug="sweater", language="de")
    assert result.error_codes == ["INVALID"]
    assert result.errors[0]["extensions"]["field"] == "languageCode"


async def test_one_request_reads_in_one_language(shop: Shop) -> None:
    ok(await translate(shop, shop.ids["sweater"], "fr", name="Pull"))
    result = await shop.read(
        """
        { en: product(slug: "sweater", languageCode: "en") { name }
          fr: product(slug: "sweater", languageCode: "fr") { name } }
        """
    )
    assert "INVALID" in result.error_codes


async def test_the_language_applies_to_every_list_of_the_request(shop: Shop) -> None:
    ok(await translate(shop, shop.ids["sweater"], "fr", name="Pull"))
    result = await shop.read(LISTING, language="fr")
    assert result.data["products"]["nodes"] == [{"name": "Pull"}]


async def test_an_empty_value_removes_a_translated_field(shop: Shop) -> None:
    ok(await translate(shop, shop.ids["sweater"], "fr", name="Pull", seoTitle="Pull chaud"))
    payload = ok(await translate(shop, shop.ids["sweater"], "fr", name=""))
    assert payload["fields"] == [{"field": "seoTitle", "value": "Pull chaud"}]
    french = await shop.read(PRODUCT_PAGE, slug="sweater", language="fr")
    assert (french.data["product"]["name"], french.data["product"]["seoTitle"]) == (
        "Sweater",
        "Pull chaud",
    )


async def test_translated_html_is_sanitised(shop: Shop) -> None:
    payload = ok(
        await translate(
            shop, shop.ids["sweater"], "fr", descriptionHtml="<p>Chaud<script>x()</script></p>"
        )
    )
    assert payload["fields"] == [{"field": "descriptionHtml", "value": "<p>Chaud</p>"}]


@pytest.mark.parametrize(
    ("target", "language", "fields", "error"),
    [
        ("sweater", "fr", {"description": "Plain"}, (["description"], "INVALID")),
        ("variant", "fr", {"descriptionHtml": "<p>x</p>"}, (["descriptionHtml"], "INVALID")),
        ("sweater", "french!", {"name": "Pull"}, (["languageCode"], "INVALID")),
        ("sweater", "fr", {"name": "x" * 251}, (["name"], "TOO_LONG")),
        ("storefront", "fr", {"name": "Boutique"}, (["id"], "INVALID")),
    ],
)
async def test_a_translation_the_target_cannot_take_is_refused(
    shop: Shop, target: str, language: str, fields: dict[str, str], error: tuple[Any, str]
) -> None:
    payload = await translate(shop, shop.ids[target], language, **fields)
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [error]


async def test_a_storefront_needs_valid_distinct_languages(merchant_a: MerchantWorld) -> None:
    result = await merchant_a.run(
        """
        mutation($input: StorefrontInput!) {
          storefrontCreate(input: $input) { storefront { languages } userErrors { field code } }
        }
        """,
        {"input": {"name": "X", "currency": "EUR", "defaultCountry": "FR", "languages": []}},
    )
    assert result.data["storefrontCreate"]["userErrors"] == [
        {"field": ["languages"], "code": "REQUIRED"}
    ]
    made = await merchant_a.run(
        """
        mutation($input: StorefrontInput!) {
          storefrontCreate(input: $input) { storefront { languages } userErrors { field code } }
        }
        """,
        {
            "input": {
                "name": "Y",
                "currency": "EUR",
                "defaultCountry": "FR",
                "languages": ["FR", "en", "fr", "pt-br"],
            }
        },
    )
    assert ok(made.data["storefrontCreate"])["storefront"]["languages"] == ["fr", "en", "pt-BR"]
