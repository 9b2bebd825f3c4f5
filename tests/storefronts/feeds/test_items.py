"""One feed item per priced variant, with Google's sale price convention, a brand and a GTIN."""

from dataclasses import replace

from storefronts.feeds.catalog import AttributeValue, Money, Product, Variant
from storefronts.feeds.items import FeedItem, feed_items

BASE_URL = "https://shop.example.com/products/"


def usd(amount: str) -> Money:
    return Money(amount, "USD")


def a_variant(sku: str = "MUG-1", **fields: object) -> Variant:
    values: dict[str, object] = {
        "sku": sku,
        "name": "",
        "barcode": None,
        "in_stock": True,
        "price": usd("12.34"),
        "compare_at_price": None,
        "attributes": (),
    }
    values.update(fields)
    return Variant(**values)  # type: ignore[arg-type]


def a_product(*variants: Variant, **fields: object) -> Product:
    values: dict[str, object] = {
        "slug": "mug",
        "name": "Mug",
        "description_html": "<p>A <em>big</em> mug</p>",
        "seo_description": None,
        "images": ("https://img.example.com/1.jpg", "https://img.example.com/2.jpg"),
        "category_path": ("Kitchen", "Mugs"),
        "attributes": (),
        "variants": variants or (a_variant(),),
    }
    values.update(fields)
    return Product(**values)  # type: ignore[arg-type]


def items(product: Product, brand: str = "Shop") -> list[FeedItem]:
    return list(feed_items(product, base_url=BASE_URL, brand=brand))


def test_each_priced_variant_is_an_item_of_its_products_group() -> None:
    # given a product with two priced variants and one without a price here
    product = a_product(a_variant("MUG-1"), a_variant("MUG-2"), a_variant("MUG-3", price=None))
    # when it becomes feed items
    made = items(product)
    # then each priced variant is one item, grouped by the product, linking to its page
    assert [(i.id, i.item_group_id) for i in made] == [("MUG-1", "mug"), ("MUG-2", "mug")]
    assert {i.link for i in made} == {"https://shop.example.com/products/mug"}
    assert made[0].image_link == "https://img.example.com/1.jpg"
    assert made[0].additional_image_links == ("https://img.example.com/2.jpg",)
    assert made[0].description == "A big mug"
    assert made[0].product_type == "Kitchen > Mugs"


def test_a_compare_at_price_above_the_price_makes_a_sale() -> None:
    # given variants with a higher, an equal, a lower and no compare-at price
    product = a_product(
        a_variant("HIGHER", compare_at_price=usd("15.00")),
        a_variant("EQUAL", compare_at_price=usd("12.34")),
        a_variant("LOWER", compare_at_price=usd("9.99")),
        a_variant("NONE"),
    )
    # then only the higher one is on sale: the compare-at price is the price
    prices = {i.id: (str(i.price), i.sale_price and str(i.sale_price)) for i in items(product)}
    assert prices == {
        "HIGHER": ("15.00 USD", "12.34 USD"),
        "EQUAL": ("12.34 USD", None),
        "LOWER": ("12.34 USD", None),
        "NONE": ("12.34 USD", None),
    }


def test_the_title_names_the_variant_when_it_has_its_own_name() -> None:
    product = a_product(a_variant("A", name="Large / Blue"), a_variant("B", name="mug"))
    assert [i.title for i in items(product)] == ["Mug - Large / Blue", "Mug"]


def test_the_brand_is_a_brand_attribute_else_the_fallback() -> None:
    # given a product whose attribute "Brand name" says Acme, and one without
    branded = a_product(attributes=(AttributeValue("brand-name", "Brand name", ("Acme & Sons",)),))
    plain = a_product()
    # then the attribute names the brand, else the fallback does
    assert items(branded)[0].brand == "Acme & Sons"
    assert items(plain, brand="Demo Web Shop")[0].brand == "Demo Web Shop"


def test_a_variant_attribute_names_the_brand_before_the_product() -> None:
    product = a_product(
        a_variant(attributes=(AttributeValue("brand", "Brand", ("Variant Co",)),)),
        attributes=(AttributeValue("brand", "Brand", ("Product Co",)),),
    )
    assert items(product)[0].brand == "Variant Co"


def test_a_brandy_is_no_brand() -> None:
    product = a_product(attributes=(AttributeValue("brandy", "Brandy", ("Cognac",)),))
    assert items(product, brand="Shop")[0].brand == "Shop"


def test_the_condition_comes_from_a_condition_attribute_else_new() -> None:
    used = a_product(attributes=(AttributeValue("condition", "Condition", ("Used",)),))
    odd = a_product(attributes=(AttributeValue("condition", "Condition", ("Vintage",)),))
    assert items(used)[0].condition == "used"
    assert items(odd)[0].condition == "new"
    assert items(a_product())[0].condition == "new"


def test_only_a_valid_barcode_is_a_gtin_and_no_barcode_means_no_identifier() -> None:
    product = a_product(
        a_variant("VALID", barcode="4006381333931"),
        a_variant("WRONG", barcode="4006381333932"),
        a_variant("NONE"),
    )
    found = {i.id: (i.gtin, i.has_identifier) for i in items(product)}
    assert found == {
        "VALID": ("4006381333931", True),
        "WRONG": (None, True),
        "NONE": (None, False),
    }


def test_a_product_without_description_is_described_by_its_seo_text_or_title() -> None:
    seo = a_product(description_html="", seo_description="Big mug for tea")
    bare = a_product(description_html="<p> </p>")
    assert items(seo)[0].description == "Big mug for tea"
    assert items(bare)[0].description == "Mug"


def test_the_slug_is_escaped_in_the_link() -> None:
    product = replace(a_product(), slug="mug?x=1")
    assert items(product)[0].link == "https://shop.example.com/products/mug%3Fx%3D1"
