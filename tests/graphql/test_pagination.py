"""Cursor connections: page forward and backward through a list with nothing lost or repeated."""

from typing import Any

from tests.support.actors import MerchantWorld

STOREFRONTS_PAGE = """
query($first: Int, $after: String, $last: Int, $before: String) {
  storefronts(first: $first, after: $after, last: $last, before: $before) {
    edges { cursor node { id name } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}
"""
STOREFRONT_COUNT = 7


async def create_storefronts(merchant: MerchantWorld, count: int) -> list[str]:
    return [(await merchant.storefront(f"Shop {n}"))[0] for n in range(count)]


async def page(merchant: MerchantWorld, **arguments: Any) -> dict[str, Any]:
    result = await merchant.run(STOREFRONTS_PAGE, arguments)
    return result.data["storefronts"]  # type: ignore[no-any-return]


def ids_of(connection: dict[str, Any]) -> list[str]:
    return [edge["node"]["id"] for edge in connection["edges"]]


async def test_paging_forward_visits_every_item_once(merchant_a: MerchantWorld) -> None:
    # given seven storefronts, and the whole list in one page for reference
    created = await create_storefronts(merchant_a, STOREFRONT_COUNT)
    everything = ids_of(await page(merchant_a, first=100))
    assert sorted(everything) == sorted(created)
    # when a client pages forward three at a time
    pages = [await page(merchant_a, first=3)]
    while pages[-1]["pageInfo"]["hasNextPage"]:
        pages.append(await page(merchant_a, first=3, after=pages[-1]["pageInfo"]["endCursor"]))
    # then it sees 3 + 3 + 1 items: the whole list, in order, without duplicates or gaps
    assert [len(p["edges"]) for p in pages] == [3, 3, 1]
    assert [i for p in pages for i in ids_of(p)] == everything
    assert [p["pageInfo"]["hasNextPage"] for p in pages] == [True, True, False]
    assert [p["pageInfo"]["hasPreviousPage"] for p in pages] == [False, True, True]


async def test_paging_backward_visits_every_item_once(merchant_a: MerchantWorld) -> None:
    # given seven storefronts
    await create_storefronts(merchant_a, STOREFRONT_COUNT)
    everything = ids_of(await page(merchant_a, first=100))
    # when a client pages backward from the end, three at a time
    pages = [await page(merchant_a, last=3)]
    while pages[-1]["pageInfo"]["hasPreviousPage"]:
        cursor = pages[-1]["pageInfo"]["startCursor"]
        pages.append(await page(merchant_a, last=3, before=cursor))
    # then each page keeps list order, and together they are the whole list
    assert [len(p["edges"]) for p in pages] == [3, 3, 1]
    assert [i for p in reversed(pages) for i in ids_of(p)] == everything
    assert [p["pageInfo"]["hasPreviousPage"] for p in pages] == [True, True, False]
    assert [p["pageInfo"]["hasNextPage"] for p in pages] == [False, True, True]


async def test_page_info_cursors_are_the_edges_cursors(merchant_a: MerchantWorld) -> None:
    await create_storefronts(merchant_a, 4)
    connection = await page(merchant_a, first=2)
    cursors = [edge["cursor"] for edge in connection["edges"]]
    assert connection["pageInfo"]["startCursor"] == cursors[0]
    assert connection["pageInfo"]["endCursor"] == cursors[-1]
    # and any edge's cursor resumes right after that edge
    after_first = await page(merchant_a, first=1, after=cursors[0])
    assert ids_of(after_first) == [connection["edges"][1]["node"]["id"]]


async def test_turning_back_from_the_middle_returns_the_previous_page(
    merchant_a: MerchantWorld,
) -> None:
    # given a client on the second page of three
    await create_storefronts(merchant_a, STOREFRONT_COUNT)
    first = await page(merchant_a, first=3)
    second = await page(merchant_a, first=3, after=first["pageInfo"]["endCursor"])
    # when it goes back from the second page's start
    back = await page(merchant_a, last=3, before=second["pageInfo"]["startCursor"])
    # then it sees the first page again
    assert ids_of(back) == ids_of(first)
    assert back["pageInfo"]["hasPreviousPage"] is False
    assert back["pageInfo"]["hasNextPage"] is True


async def test_the_default_page_holds_20_and_the_maximum_100(merchant_a: MerchantWorld) -> None:
    # given more storefronts than a default page holds
    await create_storefronts(merchant_a, 21)
    # when a client asks without a size, and with the maximum size
    default = await page(merchant_a)
    maximum = await page(merchant_a, first=100)
    # then it gets 20 with more to come, or all 21
    assert len(default["edges"]) == 20 and default["pageInfo"]["hasNextPage"] is True
    assert len(maximum["edges"]) == 21 and maximum["pageInfo"]["hasNextPage"] is False


async def test_an_empty_list_has_an_empty_page(merchant_a: MerchantWorld) -> None:
    connection = await page(merchant_a, first=5)
    assert connection == {
        "edges": [],
        "pageInfo": {
            "hasNextPage": False,
            "hasPreviousPage": False,
            "startCursor": None,
            "endCursor": None,
        },
    }


async def test_first_zero_returns_no_items_but_says_whether_any_exist(
    merchant_a: MerchantWorld,
) -> None:
    await create_storefronts(merchant_a, 2)
    connection = await page(merchant_a, first=0)
    assert connection["edges"] == []
    assert connection["pageInfo"]["hasNextPage"] is True
