"""Search matches the words shoppers read, not the HTML around them."""

from tests.support.actors import MerchantWorld
from tests.support.catalog import Catalog

SEARCH = "query($q: String!) { products(first: 10, search: $q) { nodes { name } } }"


async def test_search_finds_description_words_but_not_markup(merchant_a: MerchantWorld) -> None:
    # given a published product whose description uses bold text and a link
    web, token = await merchant_a.storefront("Web", "EUR")
    catalog = Catalog(merchant_a)
    product = await catalog.product(
        "Trail runner",
        descriptionHtml='<p>A <strong>grippy</strong> sole. <a href="https://x.example">Care</a></p>',
    )
    await catalog.publish(product, web)

    async def names(query: str) -> list[str]:
        result = await merchant_a.client.execute(SEARCH, {"q": query}, storefront=token)
        return [node["name"] for node in result.data["products"]["nodes"]]

    # then its words are found, in the name or the description ...
    assert await names("grippy") == ["Trail runner"]
    assert await names("trail") == ["Trail runner"]
    # ... and the markup is not
    assert await names("strong") == []
    assert await names("href") == []


async def test_search_ignores_accents_in_products_and_in_the_search(
    merchant_a: MerchantWorld,
) -> None:
    # given products written with and without accents
    web, token = await merchant_a.storefront("Web", "EUR")
    catalog = Catalog(merchant_a)
    for name, description in (
        ("Crème brûlée torch", "<p>For the café at home.</p>"),
        ("Cafe table", "<p>Solid oak.</p>"),
    ):
        await catalog.publish(await catalog.product(name, descriptionHtml=description), web)

    async def names(query: str) -> list[str]:
        result = await merchant_a.client.execute(SEARCH, {"q": query}, storefront=token)
        return sorted(node["name"] for node in result.data["products"]["nodes"])

    # then a search without accents finds the accented words, and the other way round
    assert await names("creme brulee") == ["Crème brûlée torch"]
    assert await names("cafe") == ["Cafe table", "Crème brûlée torch"]
    assert await names("café") == ["Cafe table", "Crème brûlée torch"]
    assert await names("CRÈME") == ["Crème brûlée torch"]
