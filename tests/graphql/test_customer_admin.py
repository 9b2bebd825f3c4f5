"""The merchant's side: list, search and filter customers, annotate, tag, deactivate,
delete; membership tiers; segments and their members."""

from typing import Any

import pytest

from tests.support.actors import MerchantWorld, ok
from tests.support.customers import Shopper, shopper

LIST = """
query($search: String, $filter: CustomerFilter, $first: Int, $after: String) {
  customers(search: $search, filter: $filter, first: $first, after: $after) {
    nodes { id email } pageInfo { hasNextPage endCursor }
  }
}
"""
DETAIL = """
query($id: ID!) {
  customer(id: $id) {
    id email firstName isActive tags orderCount totalSpent { amount } tier { name }
    metadata { key value } privateMetadata { key value }
    notes { body createdAt author { email } }
    addresses { city }
  }
}
"""
UPDATE = """
mutation($id: ID!, $input: CustomerUpdateInput!) {
  customerUpdate(id: $id, input: $input) {
    customer { id firstName isActive } userErrors { field message code }
  }
}
"""
TAGS = """
mutation($id: ID!, $tags: [String!]!) {
  %s(id: $id, tags: $tags) { customer { tags } userErrors { field code } }
}
"""
NOTE_ADD = """
mutation($id: ID!, $body: String!) {
  customerNoteAdd(id: $id, body: $body) { note { id body } userErrors { field code } }
}
"""
DELETE = "mutation($id: ID!) { %s(id: $id) { deletedId userErrors { field code } } }"
TIER_CREATE = """
mutation($input: CustomerTierInput!) {
  customerTierCreate(input: $input) {
    tier { id name level thresholds { amount currencyCode } } userErrors { field message code }
  }
}
"""
SEGMENT_CREATE = """
mutation($input: SegmentInput!) {
  segmentCreate(input: $input) {
    segment { id rule { match conditions { field operator value currency } groups { match } } }
    userErrors { field message code }
  }
}
"""
MEMBERS = """
query($id: ID!, $first: Int, $after: String) {
  segment(id: $id) {
    members(first: $first, after: $after) {
      nodes { email } pageInfo { hasNextPage endCursor }
    }
  }
}
"""


@pytest.fixture
async def storefront(merchant_a: MerchantWorld) -> str:
    _id, token = await merchant_a.storefront("Web")
    return token


async def emails(merchant: MerchantWorld, **variables: Any) -> list[str]:
    result = await merchant.run(LIST, variables)
    return [node["email"] for node in result.data["customers"]["nodes"]]


async def test_search_matches_email_and_names_case_insensitively(
    merchant_a: MerchantWorld, storefront: str
) -> None:
    ada = await shopper(merchant_a, storefront, "ada@lovelace.example.com")
    await merchant_a.run(UPDATE, {"id": ada.id, "input": {"firstName": "Ada", "lastName": "King"}})
    bob = await shopper(merchant_a, storefront, "bob@builder.example.com")
    assert await emails(merchant_a, search="LOVELACE") == [ada.email]
    assert await emails(merchant_a, search="king") == [ada.email]
    assert await emails(merchant_a, search="ada king") == [ada.email]
    assert await emails(merchant_a, search="example.com") == [ada.email, bob.email]
    # wildcards are literal
    assert await emails(merchant_a, search="%") == []
    assert await emails(merchant_a, search="_") == []


async def test_filters_by_tag_tier_creation_time_and_orders(
    merchant_a: MerchantWorld, storefront: str
) -> None:
    # given two customers, one tagged vip; and a base tier both earn
    vip = await shopper(merchant_a, storefront)
    other = await shopper(merchant_a, storefront)
    tagged = await merchant_a.run(TAGS % "customerTagsAdd", {"id": vip.id, "tags": ["VIP", "b2b"]})
    assert ok(tagged.data["customerTagsAdd"])["customer"]["tags"] == ["b2b", "vip"]
    tier = await merchant_a.run(TIER_CREATE, {"input": {"name": "Member", "level": 0}})
    tier_id = ok(tier.data["customerTierCreate"])["tier"]["id"]
    # then each filter selects what it says
    assert await emails(merchant_a, filter={"tag": "vip"}) == [vip.email]
    assert await emails(merchant_a, filter={"tag": "vi"}) == []
    assert await emails(merchant_a, filter={"tierId": tier_id}) == [vip.email, other.email]
    assert await emails(merchant_a, filter={"hasOrders": True}) == []
    assert await emails(merchant_a, filter={"hasOrders": False}) == [vip.email, other.email]
    future = {"createdFrom": "2999-01-01T00:00:00Z"}
    assert await emails(merchant_a, filter=future) == []
    past = {"createdFrom": "2000-01-01T00:00:00Z", "createdUntil": "2999-01-01T00:00:00Z"}
    assert await emails(merchant_a, filter=past) == [vip.email, other.email]


async def test_bad_filters_are_typed_errors(merchant_a: MerchantWorld) -> None:
    wrong_type = await merchant_a.run(LIST, {"filter": {"tierId": merchant_a.id}})
    assert wrong_type.error_codes == ["INVALID_ID"]
    backwards = {"createdFrom": "2026-02-01T00:00:00Z", "createdUntil": "2026-01-01T00:00:00Z"}
    assert (await merchant_a.run(LIST, {"filter": backwards})).error_codes == ["INVALID"]
    assert (await merchant_a.run(LIST, {"search": "x" * 101})).error_codes == ["TOO_LONG"]


async def test_customers_are_paged(merchant_a: MerchantWorld, storefront: str) -> None:
    made = [(await shopper(merchant_a, storefront)).email for _ in range(3)]
    first = (await merchant_a.run(LIST, {"first": 2})).data["customers"]
    assert [n["email"] for n in first["nodes"]] == made[:2]
    assert first["pageInfo"]["hasNextPage"] is True
    rest = await emails(merchant_a, first=2, after=first["pageInfo"]["endCursor"])
    assert rest == made[2:]


async def test_notes_metadata_and_deactivation(merchant_a: MerchantWorld, storefront: str) -> None:
    customer = await shopper(merchant_a, storefront)
    note = await merchant_a.run(NOTE_ADD, {"id": customer.id, "body": "Called about a return"})
    ok(note.data["customerNoteAdd"])
    changed = await merchant_a.run(
        UPDATE,
        {
            "id": customer.id,
            "input": {
                "firstName": "Samuel",
                "isActive": False,
                "metadata": [{"key": "size", "value": "M"}],
                "privateMetadata": [{"key": "risk", "value": "low"}],
            },
        },
    )
    assert ok(changed.data["customerUpdate"])["customer"]["isActive"] is False
    detail = (await merchant_a.run(DETAIL, {"id": customer.id})).data["customer"]
    assert detail["firstName"] == "Samuel"
    assert detail["notes"][0]["body"] == "Called about a return"
    assert detail["notes"][0]["author"] == {"email": merchant_a.owner_email}
    assert detail["metadata"] == [{"key": "size", "value": "M"}]
    assert detail["privateMetadata"] == [{"key": "risk", "value": "low"}]
    # reactivating lets the customer sign in again
    await merchant_a.run(UPDATE, {"id": customer.id, "input": {"isActive": True}})
    assert (await merchant_a.run(DETAIL, {"id": customer.id})).data["customer"]["isActive"]


@pytest.mark.parametrize(
    ("document", "variables", "field", "code"),
    [
        (NOTE_ADD, {"body": "x" * 5001}, "body", "TOO_LONG"),
        (NOTE_ADD, {"body": "  "}, "body", "REQUIRED"),
        (TAGS % "customerTagsAdd", {"tags": ["x" * 65]}, "tags", "TOO_LONG"),
        (TAGS % "customerTagsAdd", {"tags": [f"t{i}" for i in range(51)]}, "tags", "INVALID"),
        (UPDATE, {"input": {"firstName": "x" * 81}}, "firstName", "TOO_LONG"),
        (
            UPDATE,
            {"input": {"metadata": [{"key": "", "value": "v"}]}},
            "metadata",
            "REQUIRED",
        ),
    ],
)
async def test_hostile_input_is_a_typed_error_and_changes_nothing(
    merchant_a: MerchantWorld,
    storefront: str,
    document: str,
    variables: dict[str, Any],
    field: str,
    code: str,
) -> None:
    customer = await shopper(merchant_a, storefront)
    before = (await merchant_a.run(DETAIL, {"id": customer.id})).data
    result = await merchant_a.run(document, {"id": customer.id, **variables})
    payload = next(iter(result.data.values()))
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [([field], code)]
    assert (await merchant_a.run(DETAIL, {"id": customer.id})).data == before


async def test_deleting_a_customer_erases_the_account(
    merchant_a: MerchantWorld, storefront: str
) -> None:
    customer = await shopper(merchant_a, storefront)
    await customer.address()
    result = await merchant_a.run(DELETE % "customerDelete", {"id": customer.id})
    assert ok(result.data["customerDelete"])["deletedId"] == customer.id
    assert await emails(merchant_a) == []
    me = await customer.run("{ me { __typename } }")
    assert me.error_codes == ["UNAUTHENTICATED"]


async def test_a_customer_deletes_their_own_account_with_their_password(
    merchant_a: MerchantWorld, storefront: str
) -> None:
    customer = await shopper(merchant_a, storefront)
    delete = """mutation($p: String!) { customerAccountDelete(password: $p) {
        deletedId userErrors { field code } } }"""
    wrong = await customer.run(delete, {"p": "not my password"})
    assert wrong.data["customerAccountDelete"]["userErrors"] == [
        {"field": ["password"], "code": "INVALID_CREDENTIALS"}
    ]
    assert await emails(merchant_a) == [customer.email]
    right = await customer.run(delete, {"p": "correct horse battery"})
    assert ok(right.data["customerAccountDelete"])["deletedId"] == customer.id
    assert await emails(merchant_a) == []


async def test_tiers_are_validated_and_customers_get_the_tier_they_earn(
    merchant_a: MerchantWorld, storefront: str
) -> None:
    customer = await shopper(merchant_a, storefront)
    gold = await merchant_a.run(
        TIER_CREATE,
        {
            "input": {
                "name": "Gold",
                "level": 2,
                "thresholds": [
                    {"amount": "1000", "currencyCode": "eur"},
                    {"amount": "100000", "currencyCode": "JPY"},
                ],
            }
        },
    )
    thresholds = ok(gold.data["customerTierCreate"])["tier"]["thresholds"]
    assert thresholds == [
        {"amount": "1000.00", "currencyCode": "EUR"},
        {"amount": "100000", "currencyCode": "JPY"},
    ]
    # nobody has spent anything: no tier yet; a base tier then applies to everyone
    assert (await merchant_a.run(DETAIL, {"id": customer.id})).data["customer"]["tier"] is None
    await merchant_a.run(TIER_CREATE, {"input": {"name": "Member", "level": 0}})
    detail = (await merchant_a.run(DETAIL, {"id": customer.id})).data["customer"]
    assert detail["tier"] == {"name": "Member"}
    me = await customer.run("{ me { ... on Customer { tier { name level } } } }")
    assert me.data["me"]["tier"] == {"name": "Member", "level": 0}


@pytest.mark.parametrize(
    ("fields", "field", "code"),
    [
        ({"name": "Silver", "level": 2}, "level", "DUPLICATE"),
        ({"name": "gold", "level": 3}, "name", "DUPLICATE"),
        ({"name": "X", "level": -1}, "level", "INVALID"),
        ({"name": "X", "level": 1001}, "level", "INVALID"),
        (
            {"name": "X", "level": 3, "thresholds": [{"amount": "1.001", "currencyCode": "EUR"}]},
            "thresholds.0.amount",
            "INVALID",
        ),
        (
            {"name": "X", "level": 3, "thresholds": [{"amount": "1", "currencyCode": "EURO"}]},
            "thresholds.0.currencyCode",
            "INVALID",
        ),
        (
            {"name": "X", "level": 3, "thresholds": [{"amount": "-1", "currencyCode": "EUR"}]},
            "thresholds.0.amount",
            "INVALID",
        ),
        (
            {
                "name": "X",
                "level": 3,
                "thresholds": [
                    {"amount": "1", "currencyCode": "EUR"},
                    {"amount": "2", "currencyCode": "EUR"},
                ],
            },
            "thresholds.1.currencyCode",
            "INVALID",
        ),
        ({"name": "", "level": 3}, "name", "REQUIRED"),
    ],
)
async def test_bad_tiers_are_refused_naming_the_field(
    merchant_a: MerchantWorld, fields: dict[str, Any], field: str, code: str
) -> None:
    await merchant_a.run(TIER_CREATE, {"input": {"name": "Gold", "level": 2}})
    result = await merchant_a.run(TIER_CREATE, {"input": fields})
    errors = result.data["customerTierCreate"]["userErrors"]
    assert [(e["field"], e["code"]) for e in errors] == [(field.split("."), code)]


async def test_a_segment_selects_its_members(merchant_a: MerchantWorld, storefront: str) -> None:
    # given a tagged French customer, a tagged German one and an untagged French one
    def customer(tagged: bool, country: str, postal_code: str) -> Any:
        async def make() -> Shopper:
            made = await shopper(merchant_a, storefront)
            await made.address(country=country, postalCode=postal_code)
            if tagged:
                await merchant_a.run(TAGS % "customerTagsAdd", {"id": made.id, "tags": ["vip"]})
            return made

        return make()

    french_vip = await customer(True, "FR", "75008")
    await customer(True, "DE", "10117")
    french = await customer(False, "FR", "69001")
    rule = {
        "match": "ALL",
        "conditions": [{"field": "COUNTRY", "operator": "EQUALS", "value": "fr"}],
        "groups": [
            {
                "match": "ANY",
                "conditions": [
                    {"field": "TAG", "operator": "CONTAINS", "value": "VIP"},
                    {"field": "ORDER_COUNT", "operator": "AT_LEAST", "value": "3"},
                ],
            }
        ],
    }
    made = await merchant_a.run(SEGMENT_CREATE, {"input": {"name": "French VIPs", "rule": rule}})
    segment = ok(made.data["segmentCreate"])["segment"]
    # the stored rule is normalised
    assert segment["rule"]["conditions"] == [
        {"field": "COUNTRY", "operator": "EQUALS", "value": "FR", "currency": None}
    ]
    # when its members are read
    members = await merchant_a.run(MEMBERS, {"id": segment["id"]})
    # then only the tagged French customer is in it
    assert members.data["segment"]["members"]["nodes"] == [{"email": french_vip.email}]
    no_orders = {
        "match": "ALL",
        "conditions": [
            {"field": "LAST_ORDER_AT", "operator": "NOT_WITHIN_DAYS", "value": "30"},
            {"field": "COUNTRY", "operator": "EQUALS", "value": "FR"},
        ],
    }
    lapsed = await merchant_a.run(SEGMENT_CREATE, {"input": {"name": "Lapsed", "rule": no_orders}})
    lapsed_id = ok(lapsed.data["segmentCreate"])["segment"]["id"]
    page = (await merchant_a.run(MEMBERS, {"id": lapsed_id, "first": 1})).data["segment"]["members"]
    assert page["nodes"] == [{"email": french_vip.email}] and page["pageInfo"]["hasNextPage"]
    rest = await merchant_a.run(
        MEMBERS, {"id": lapsed_id, "first": 5, "after": page["pageInfo"]["endCursor"]}
    )
    assert rest.data["segment"]["members"]["nodes"] == [{"email": french.email}]


@pytest.mark.parametrize(
    ("condition", "field"),
    [
        ({"field": "TAG", "operator": "AT_LEAST", "value": "x"}, "operator"),
        ({"field": "ORDER_COUNT", "operator": "AT_LEAST", "value": "-1"}, "value"),
        ({"field": "ORDER_COUNT", "operator": "AT_LEAST", "value": "1e9"}, "value"),
        ({"field": "TOTAL_SPENT", "operator": "AT_LEAST", "value": "10"}, "currency"),
        (
            {"field": "TOTAL_SPENT", "operator": "AT_LEAST", "value": "1.001", "currency": "EUR"},
            "value",
        ),
        ({"field": "COUNTRY", "operator": "EQUALS", "value": "ZZ"}, "value"),
        ({"field": "LAST_ORDER_AT", "operator": "BEFORE", "value": "yesterday"}, "value"),
        ({"field": "TIER", "operator": "EQUALS", "value": "not an id"}, "value"),
    ],
)
async def test_a_bad_segment_rule_is_refused_naming_the_condition(
    merchant_a: MerchantWorld, condition: dict[str, str], field: str
) -> None:
    rule = {
        "match": "ANY",
        "conditions": [{"field": "TAG", "operator": "CONTAINS", "value": "a"}, condition],
    }
    result = await merchant_a.run(SEGMENT_CREATE, {"input": {"name": "Bad", "rule": rule}})
    errors = result.data["segmentCreate"]["userErrors"]
    assert [e["field"] for e in errors] == [["rule", "conditions", "1", field]], errors
    assert (await merchant_a.run("{ segments { nodes { id } } }")).data["segments"]["nodes"] == []


async def test_a_segment_naming_another_merchants_tier_is_refused(
    merchant_a: MerchantWorld, merchant_b: MerchantWorld
) -> None:
    b_tier = await merchant_b.run(TIER_CREATE, {"input": {"name": "Gold", "level": 1}})
    b_tier_id = ok(b_tier.data["customerTierCreate"])["tier"]["id"]
    rule = {
        "match": "ALL",
        "conditions": [{"field": "TIER", "operator": "EQUALS", "value": b_tier_id}],
    }
    result = await merchant_a.run(SEGMENT_CREATE, {"input": {"name": "Theirs", "rule": rule}})
    assert result.data["segmentCreate"]["userErrors"][0]["code"] == "NOT_FOUND"
