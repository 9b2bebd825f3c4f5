"""Reading the catalog page by page stops, with a reason, if the API stops moving forward."""

import httpx
import orjson
import pytest

from storefronts.feeds.api import ApiError, StorefrontApi
from storefronts.feeds.catalog import read_products

STUCK_PAGE = {
    "data": {
        "products": {
            "pageInfo": {"hasNextPage": True, "endCursor": "c1"},
            "nodes": [],
        }
    }
}


async def test_a_page_that_repeats_its_cursor_stops_the_reading() -> None:
    # given an API that always answers the same page, saying more follow
    transport = httpx.MockTransport(lambda _: httpx.Response(200, content=orjson.dumps(STUCK_PAGE)))
    async with httpx.AsyncClient(transport=transport) as http:
        api = StorefrontApi(http, "http://agora.test/graphql", "agora_pt_test")
        # when the catalog is read, then reading stops at the second page with the reason
        pages = []
        with pytest.raises(ApiError) as raised:
            async for page in read_products(api):
                pages.append(page)
    assert len(pages) == 2
    assert str(raised.value) == (
        "http://agora.test/graphql says more products follow but gives no new cursor"
    )
