"""Merchants define promotions (MANAGE_DISCOUNTS): validated definitions, conflict warnings,
archived promotions, bulk codes, and a list showing usage."""

import json

from tests.support.actors import MerchantWorld, ok
from tests.support.promotion_api import (
    PROMOTION_CREATE,
    PROMOTION_FIELDS,
    create_promotion,
    generate_codes,
    percent_off,
)
from tests.support.webhooks import events

UPDATE = (
    """
mutation($id: ID!, $input: PromotionInput!) {
  promotionUpdate(id: $id, input: $input) {
    promotion { """
    + PROMOTION_FIELDS
    + """ } warnings { kind } userErrors { field message code }
  }
}
"""
)
ARCHIVE = """
mutation($id: ID!) {
  promotionArchive(id: $id) { promotion { id isArchived } userErrors { field code } }
}
"""
LIST = """
query($filter: PromotionFilter, $first: Int, $after: String) {
  promotions(filter: $filter, first: $first, after: $after) {
    nodes { id name kind timesUsed isArchived discountGiven { amount } }
    pageInfo { hasNextPage endCursor }
  }
}
"""
NODE = "query($id: ID!) { node(id: $id) { ... on Promotion { name action condition } } }"


async def refused(merchant: MerchantWorld, **input: object) -> list[dict[str, object]]:
    result = await merchant.run(PROMOTION_CREATE, {"input": percent_off() | input})
    assert result.data["promotionCreate"]["promotion"] is None
    errors: list[dict[str, object]] = result.data["promotionCreate"]["userErrors"]
    return errors


async def test_a_merchant_creates_a_cart_promotion_and_reads_it_back(
    merchant_a: MerchantWorld,
) -> None:
    # given a tiered promotion for orders over 50.00 on one storefront
    storefront_id, _token = await merchant_a.storefront("web")
    condition = {
        "all": [
            {"minSubtotal": {"amount": {"amount": "50.00", "currencyCode": "USD"}}},
            {"onStorefront": {"storefrontIds": [storefront_id]}},
        ]
    }
    # when it is created with typed inputs
    payload = await create_promotion(
        merchant_a,
        name="Spend more, save more",
        action={
            "tiered": {
                "tiers": [
                    {
                        "threshold": {"amount": "50.00", "currencyCode": "USD"},
                        "amount": {"amount": "5.00", "currencyCode": "USD"},
                    },
                    {
                        "threshold": {"amount": "100.00", "currencyCode": "USD"},
                        "amount": {"amount": "15.00", "currencyCode": "USD"},
                    },
                ]
            }
        },
        condition=condition,
        currency="USD",
        usageLimit=100,
        budget="500.00",
    )
    promotion = payload["promotion"]
    # then it is saved as given (shown as the stored JSON), unused, with its global IDs
    assert promotion["name"] == "Spend more, save more"
    assert promotion["kind"] == "CART"
    assert promotion["condition"]["conditions"][1]["storefrontIds"] == [storefront_id]
    assert promotion["budget"] == {"amount": "500.00", "currencyCode": "USD"}
    assert promotion["timesUsed"] == 0
    assert promotion["discountGiven"] == {"amount": "0.00", "currencyCode": "USD"}
    assert payload["warnings"] == []
    # and node(id:) reads the same definition
    node = (await merchant_a.run(NODE, {"id": promotion["id"]})).data["node"]
    assert node["action"] == promotion["action"]


async def test_an_unsound_definition_is_refused_with_the_field_at_fault(
    merchant_a: MerchantWorld,
) -> None:
    # a percentage over 100
    errors = await refused(merchant_a, action={"percentOff": {"percent": "150"}})
    assert errors[0]["field"] == ["action", "percentOff", "percent"]
    # an amount with no currency for the promotion
    five = {"amount": "5", "currencyCode": "USD"}
    errors = await refused(merchant_a, action={"amountOffOrder": {"amount": five}})
    assert errors[0]["field"] == ["currency"]
    # an amount in an unknown currency, deep in a nested condition
    errors = await refused(
        merchant_a,
        currency="USD",
        condition={
            "any": [
                {"codeEntered": True},
                {"all": [{"minSubtotal": {"amount": {"amount": "5", "currencyCode": "XX"}}}]},
            ]
        },
    )
    assert errors[0]["field"] == [
        "condition", "any", "1", "all", "0", "minSubtotal", "amount", "currencyCode"
    ]  # fmt: skip
    # no kind of action, or two at once
    for action in ({}, {"percentOff": {"percent": "5"}, "tiered": {"tiers": []}}):
        result = await merchant_a.run(
            PROMOTION_CREATE, {"input": percent_off() | {"action": action}}
        )
        assert result.errors, action
    # a catalog promotion that depends on the cart
    errors = await refused(merchant_a, kind="CATALOG", condition={"codeEntered": True})
    assert errors[0]["field"] == ["condition", "codeEntered"]
    # a condition given as false
    errors = await refused(merchant_a, condition={"all": [{"firstOrder": False}]})
    assert errors[0]["field"] == ["condition", "all", "0", "firstOrder"]
    # an ID of the wrong type in a target
    errors = await refused(
        merchant_a,
        action={"percentOff": {"percent": "5", "target": {"productIds": ["nope"]}}},
    )
    assert errors[0]["field"] == ["action", "percentOff", "target", "productIds"]
    # a budget without a currency
    errors = await refused(merchant_a, budget="10.00")
    assert errors[0]["field"] == ["currency"]


async def test_overlapping_exclusive_promotions_are_saved_with_a_warning(
    merchant_a: MerchantWorld,
) -> None:
    # given an exclusive 20% off everything
    first = await create_promotion(merchant_a, **percent_off("20", stacking="EXCLUSIVE"))
    # when another promotion on everything is created
    second = await create_promotion(merchant_a, **percent_off("5"))
    # then it is saved, with a warning naming both
    assert second["promotion"]["id"]
    [warning] = second["warnings"]
    assert warning["kind"] == "OVERLAPPING_EXCLUSIVE"
    assert set(warning["promotionIds"]) == {first["promotion"]["id"], second["promotion"]["id"]}


async def test_an_update_replaces_the_definition_and_keeps_the_usage(
    merchant_a: MerchantWorld,
) -> None:
    # given a promotion
    created = (await create_promotion(merchant_a))["promotion"]
    # when it is replaced by 15% off with a per-customer limit
    result = await merchant_a.run(
        UPDATE,
        {"id": created["id"], "input": percent_off("15", name="Fifteen", usageLimitPerCustomer=1)},
    )
    updated = ok(result.data["promotionUpdate"])["promotion"]
    # then it shows the new definition
    assert updated["id"] == created["id"]
    assert updated["name"] == "Fifteen"
    assert updated["action"]["percent"] == "15"
    assert updated["usageLimitPerCustomer"] == 1
    # and integrators heard of the creation and the change
    heard = await events(merchant_a, types=["PROMOTION_CREATED", "PROMOTION_UPDATED"])
    assert [e["type"] for e in heard] == ["PROMOTION_CREATED", "PROMOTION_UPDATED"]
    assert json.loads(heard[1]["payload"])["promotion"]["name"] == "Fifteen"


async def test_archived_promotions_leave_the_default_list(merchant_a: MerchantWorld) -> None:
    # given two promotions, one of them archived
    kept = (await create_promotion(merchant_a, name="Kept"))["promotion"]
    gone = (await create_promotion(merchant_a, name="Gone"))["promotion"]
    archived = ok((await merchant_a.run(ARCHIVE, {"id": gone["id"]})).data["promotionArchive"])
    assert archived["promotion"]["isArchived"] is True
    # when the merchant lists promotions
    live = (await merchant_a.run(LIST, {})).data["promotions"]["nodes"]
    everything = (await merchant_a.run(LIST, {"filter": {"isArchived": None}})).data["promotions"][
        "nodes"
    ]
    # then archived ones show only when asked for
    assert [p["id"] for p in live] == [kept["id"]]
    assert [p["name"] for p in everything] == ["Kept", "Gone"]


async def test_the_list_pages_through_promotions(merchant_a: MerchantWorld) -> None:
    for name in ("One", "Two", "Three"):
        await create_promotion(merchant_a, name=name)
    first = (await merchant_a.run(LIST, {"first": 2})).data["promotions"]
    assert [p["name"] for p in first["nodes"]] == ["One", "Two"]
    rest = (await merchant_a.run(LIST, {"first": 2, "after": first["pageInfo"]["endCursor"]})).data[
        "promotions"
    ]
    assert [p["name"] for p in rest["nodes"]] == ["Three"]
    assert rest["pageInfo"]["hasNextPage"] is False


async def test_ten_thousand_codes_are_generated_unique_and_normalised(
    merchant_a: MerchantWorld,
) -> None:
    # given a promotion
    promotion = (await create_promotion(merchant_a))["promotion"]
    # when 10,000 codes are generated with a prefix typed in lower case
    codes = await generate_codes(merchant_a, promotion["id"], 10_000, prefix="summer-")
    # then there are 10,000 distinct codes, each starting with the prefix in capitals
    assert len(set(codes)) == 10_000
    assert all(code.startswith("SUMMER-") and code == code.upper() for code in codes)
    # and more than 10,000 at once is refused
    result = await merchant_a.run(
        "mutation($id: ID!) { promotionCodesGenerate(promotionId: $id, count: 10001) "
        "{ codes userErrors { field code } } }",
        {"id": promotion["id"]},
    )
    assert result.data["promotionCodesGenerate"]["userErrors"] == [
        {"field": ["count"], "code": "INVALID"}
    ]
