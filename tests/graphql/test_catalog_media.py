"""Product media: ordered images and videos with alt text; the first image is the thumbnail."""

from tests.support.actors import MerchantWorld, ok
from tests.support.catalog import Catalog

PRODUCT_UPDATE = """
mutation($id: ID!, $input: ProductInput!) {
  productUpdate(id: $id, input: $input) {
    product { media { url alt kind } thumbnail { url alt } } userErrors { field message code }
  }
}
"""
VISITOR_MEDIA = (
    "query($slug: String!) { product(slug: $slug) { thumbnail { url alt } media { url } } }"
)
CLIP = {"url": "https://cdn.example.com/boot.mp4", "kind": "VIDEO", "alt": "Boot on a trail"}
SIDE = {"url": "https://cdn.example.com/boot-side.jpg", "alt": "Boot, side view"}
SOLE = {"url": "https://cdn.example.com/boot-sole.jpg", "alt": "Boot, sole"}


async def test_media_keep_their_order_and_the_first_image_is_the_thumbnail(
    merchant_a: MerchantWorld,
) -> None:
    # given a product
    product = await Catalog(merchant_a).product("Boot", slug="boot")
    # when the merchant sets a video and two images, in that order
    result = await merchant_a.run(
        PRODUCT_UPDATE, {"id": product, "input": {"media": [CLIP, SIDE, SOLE]}}
    )
    # then they keep that order, and the thumbnail is the first image, not the video
    payload = ok(result.data["productUpdate"])["product"]
    assert [m["url"] for m in payload["media"]] == [CLIP["url"], SIDE["url"], SOLE["url"]]
    assert [m["kind"] for m in payload["media"]] == ["VIDEO", "IMAGE", "IMAGE"]
    assert payload["thumbnail"] == {"url": SIDE["url"], "alt": "Boot, side view"}


async def test_visitors_see_the_media_of_a_published_product(merchant_a: MerchantWorld) -> None:
    web, token = await merchant_a.storefront("Web", "EUR")
    catalog = Catalog(merchant_a)
    product = await catalog.product("Boot", slug="boot", media=[SIDE])
    await catalog.publish(product, web)
    seen = await merchant_a.client.execute(VISITOR_MEDIA, {"slug": "boot"}, storefront=token)
    assert seen.data["product"] == {
        "thumbnail": {"url": SIDE["url"], "alt": SIDE["alt"]},
        "media": [{"url": SIDE["url"]}],
    }


async def test_only_absolute_web_urls_are_accepted(merchant_a: MerchantWorld) -> None:
    product = await Catalog(merchant_a).product("Boot", slug="boot", media=[SIDE])
    for bad in ("javascript:alert(1)", "data:image/png;base64,AAAA", "/relative.jpg", "https://"):
        result = await merchant_a.run(
            PRODUCT_UPDATE, {"id": product, "input": {"media": [SOLE, {"url": bad}]}}
        )
        errors = result.data["productUpdate"]["userErrors"]
        assert [e["field"] for e in errors] == [["media", "1", "url"]], bad
    # and the media already stored are left as they were
    kept = await merchant_a.run(VISITOR_MEDIA, {"slug": "boot"})
    assert kept.data["product"]["media"] == [{"url": SIDE["url"]}]
