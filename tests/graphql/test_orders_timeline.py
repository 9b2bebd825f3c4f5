"""An order's timeline is a cursor connection, oldest first: staff page through it forwards
with `first`/`after`, or read the newest entries with `last`."""

from typing import Any

import pytest

from tests.support.actors import MerchantWorld, ok
from tests.support.checkout import Shop, open_shop
from tests.support.orders import NOTE_ADD, place_order

PAGE = """
query($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
  node(id: $id) { ... on Order {
    timeline(first: $first, after: $after, last: $last, before: $before) {
      edges { cursor node { kind data } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  } }
}
"""


@pytest.fixture
async def shop(merchant_a: MerchantWorld) -> Shop:
    shop = await open_shop(merchant_a)
    await shop.sell("TEE", "10.00", stock=10)
    return shop


async def page(shop: Shop, order_id: str, **args: Any) -> tuple[list[str], dict[str, Any]]:
    """The notes of a page of the timeline (other kinds by name), and its pageInfo."""
    result = await shop.merchant.run(PAGE, {"id": order_id, **args})
    assert result.errors == [], result.body
    timeline = result.data["node"]["timeline"]
    names = [
        e["node"]["data"].get("body", e["node"]["kind"])
        if isinstance(e["node"]["data"], dict)
        else e["node"]["kind"]
        for e in timeline["edges"]
    ]
    return names, timeline["pageInfo"]


async def test_staff_page_through_the_timeline_oldest_first(shop: Shop) -> None:
    # given an order whose timeline holds four notes after what checkout wrote
    order = await place_order(shop, {"TEE": 1})
    for body in ["one", "two", "three", "four"]:
        ok((await shop.admin(NOTE_ADD, {"id": order["id"], "body": body}))["orderNoteAdd"])
    everything, _ = await page(shop, order["id"], first=100)
    assert everything[-4:] == ["one", "two", "three", "four"]
    # when they read two at a time from the start
    first, info = await page(shop, order["id"], first=2)
    assert first == everything[:2]
    assert (info["hasNextPage"], info["hasPreviousPage"]) == (True, False)
    rest, info = await page(shop, order["id"], first=100, after=info["endCursor"])
    # then the pages follow on, oldest first, without gaps or repeats
    assert first + rest == everything
    assert (info["hasNextPage"], info["hasPreviousPage"]) == (False, True)
    # and `last` gives the newest, with `before` going back from them
    newest, info = await page(shop, order["id"], last=2)
    assert newest == ["three", "four"]
    assert (info["hasNextPage"], info["hasPreviousPage"]) == (False, True)
    earlier, _ = await page(shop, order["id"], last=1, before=info["startCursor"])
    assert earlier == ["two"]


async def test_a_page_is_bounded(shop: Shop) -> None:
    order = await place_order(shop, {"TEE": 1})
    result = await shop.merchant.run(PAGE, {"id": order["id"], "first": 101})
    assert [(e["message"], e["extensions"]["code"]) for e in result.body["errors"]] == [
        ("first must be between 0 and 100.", "INVALID")
    ]
