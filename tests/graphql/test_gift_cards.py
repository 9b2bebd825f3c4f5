"""Gift cards: staff issue them (the code is shown once), change and correct them; every
balance change is in the card's ledger; customers see their own cards' balance."""

import json
import re
from datetime import UTC, datetime, timedelta
from typing import Any

from tests.support.actors import MerchantWorld, ok
from tests.support.customers import shopper
from tests.support.gift_cards import GIFT_CARD_ISSUE, issue_gift_card

CODE_SHAPE = re.compile(r"^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$")

CARD = """
query($id: ID!) {
  node(id: $id) {
    ... on GiftCard {
      id last4 maskedCode isActive isExpired expiresAt note
      balance { amount currencyCode } initialBalance { amount }
      issuedBy { kind id }
      transactions {
        kind amount { amount currencyCode } balanceAfter { amount } note orderId
        actor { kind id } occurredAt
      }
    }
  }
}
"""
CARDS = """
query($filter: GiftCardFilter) {
  giftCards(first: 50, filter: $filter) { nodes { id last4 balance { amount } } }
}
"""
UPDATE = """
mutation($id: ID!, $input: GiftCardUpdateInput!) {
  giftCardUpdate(id: $id, input: $input) {
    giftCard { id isActive expiresAt note } userErrors { field message code }
  }
}
"""
ADJUST = """
mutation($id: ID!, $amount: String!, $note: String) {
  giftCardBalanceAdjust(id: $id, amount: $amount, note: $note) {
    giftCard { balance { amount } } userErrors { field message code }
  }
}
"""
AUDIT = """
{ auditLog(last: 10) { nodes { operation changes { entityType action fields { name after } } } } }
"""
MY_CARDS = "{ me { ... on Customer { giftCards { last4 maskedCode balance { amount } } } } }"
MY_EXPORT = "{ me { ... on Customer { dataExport } } }"
CUSTOMER_DELETE = "mutation($id: ID!) { customerDelete(id: $id) { deletedId userErrors { code } } }"
ME = "{ me { ... on StaffUser { id } } }"


async def card(merchant: MerchantWorld, card_id: str) -> dict[str, Any]:
    result = await merchant.run(CARD, {"id": card_id})
    return result.data["node"]  # type: ignore[no-any-return]


async def listed(merchant: MerchantWorld, **filter: Any) -> list[str]:
    result = await merchant.run(CARDS, {"filter": filter})
    return [node["id"] for node in result.data["giftCards"]["nodes"]]


async def test_issuing_shows_the_whole_code_once_and_only_its_last_4_afterwards(
    merchant_a: MerchantWorld,
) -> None:
    # when staff issue a 50 EUR card
    result = await merchant_a.run(
        GIFT_CARD_ISSUE,
        {"input": {"initialBalance": "50.00", "currency": "EUR", "note": "Raffle prize"}},
    )
    # then the payload holds the code, grouped in fours from an unambiguous alphabet
    payload = ok(result.data["giftCardIssue"])
    code = payload["code"]
    assert CODE_SHAPE.match(code), code
    issued = payload["giftCard"]
    assert issued["last4"] == code[-4:]
    assert issued["maskedCode"] == f"****-****-****-{code[-4:]}"
    assert issued["balance"] == {"amount": "50.00", "currencyCode": "EUR"}
    assert issued["initialBalance"] == issued["balance"]
    assert issued["isActive"] is True and issued["note"] == "Raffle prize"
    # and reading the card back never shows the code again
    again = await merchant_a.run(CARD, {"id": issued["id"]})
    listing = await merchant_a.run(CARDS, {"filter": {}})
    for body in (again.body, listing.body):
        assert code not in str(body) and code.replace("-", "") not in str(body)
    assert again.data["node"]["last4"] == code[-4:]


async def test_every_issued_code_is_different(merchant_a: MerchantWorld) -> None:
    codes = [(await issue_gift_card(merchant_a, "1.00"))[1] for _ in range(25)]
    assert len(set(codes)) == 25


async def test_staff_find_a_card_by_its_code_in_any_case_or_by_its_last_4(
    merchant_a: MerchantWorld,
) -> None:
    # given two cards
    card_id, code = await issue_gift_card(merchant_a)
    other_id, _ = await issue_gift_card(merchant_a)
    # when staff search by the code typed in lower case without hyphens, or by its end
    by_code = await listed(merchant_a, code=code.lower().replace("-", " "))
    by_last4 = await listed(merchant_a, last4=code[-4:].lower())
    # then they find that card (and not the other by its code)
    assert by_code == [card_id]
    assert card_id in by_last4
    assert await listed(merchant_a, code="0000-0000-0000-0000") == []
    assert other_id in await listed(merchant_a)


async def test_issuing_refuses_what_cannot_be_a_card(merchant_a: MerchantWorld) -> None:
    cases = [
        ({"initialBalance": "0.00", "currency": "EUR"}, "initialBalance"),
        ({"initialBalance": "-5", "currency": "EUR"}, "initialBalance"),
        ({"initialBalance": "1.005", "currency": "EUR"}, "initialBalance"),
        ({"initialBalance": "lots", "currency": "EUR"}, "initialBalance"),
        ({"initialBalance": "10", "currency": "EURO"}, "currency"),
        ({"initialBalance": "10", "currency": "EUR", "expiresAt": "2020-01-01T00:00:00Z"}, None),
        ({"initialBalance": "10", "currency": "EUR", "note": "x" * 501}, "note"),
        ({"initialBalance": "10", "currency": "EUR", "customerId": merchant_a.id}, "customerId"),
    ]
    for fields, field in cases:
        result = await merchant_a.run(GIFT_CARD_ISSUE, {"input": fields})
        errors = result.data["giftCardIssue"]["userErrors"]
        assert len(errors) == 1, (fields, errors)
        assert errors[0]["field"] == [field or "expiresAt"], (fields, errors)
        assert result.data["giftCardIssue"]["code"] is None
    assert await listed(merchant_a) == []


async def test_a_card_in_a_currency_without_cents_holds_whole_units(
    merchant_a: MerchantWorld,
) -> None:
    card_id, _ = await issue_gift_card(merchant_a, "5000", "JPY")
    assert (await card(merchant_a, card_id))["balance"] == {"amount": "5000", "currencyCode": "JPY"}


async def test_a_balance_adjustment_never_takes_the_balance_below_zero(
    merchant_a: MerchantWorld,
) -> None:
    # given a 50 EUR card
    card_id, _ = await issue_gift_card(merchant_a)
    # when staff take away more than it holds
    result = await merchant_a.run(ADJUST, {"id": card_id, "amount": "-50.01"})
    # then it is refused and nothing changed, not even the ledger
    errors = result.data["giftCardBalanceAdjust"]["userErrors"]
    assert [(e["field"], e["code"]) for e in errors] == [(["amount"], "INSUFFICIENT_FUNDS")]
    assert "50.00" in errors[0]["message"]
    after = await card(merchant_a, card_id)
    assert after["balance"]["amount"] == "50.00"
    assert [t["kind"] for t in after["transactions"]] == ["ISSUE"]
    # while taking exactly all of it leaves zero
    emptied = await merchant_a.run(ADJUST, {"id": card_id, "amount": "-50"})
    assert ok(emptied.data["giftCardBalanceAdjust"])["giftCard"]["balance"]["amount"] == "0.00"
    for amount in ("0", "0.001", "much"):
        refused = await merchant_a.run(ADJUST, {"id": card_id, "amount": amount})
        assert refused.data["giftCardBalanceAdjust"]["userErrors"][0]["field"] == ["amount"]


async def test_the_ledger_records_every_balance_change_with_who_made_it(
    merchant_a: MerchantWorld,
) -> None:
    # given a card issued by the owner
    staff_id = (await merchant_a.run(ME)).data["me"]["id"]
    card_id, _ = await issue_gift_card(merchant_a, "20.00")
    # when staff add to it and take from it
    for amount, note in (("10.00", "Goodwill"), ("-2.50", "Mistake")):
        result = await merchant_a.run(ADJUST, {"id": card_id, "amount": amount, "note": note})
        ok(result.data["giftCardBalanceAdjust"])
    # then every change is in the ledger, in order, with the balance after it
    read = await card(merchant_a, card_id)
    rows = [
        (t["kind"], t["amount"]["amount"], t["balanceAfter"]["amount"], t["note"])
        for t in read["transactions"]
    ]
    assert rows == [
        ("ISSUE", "20.00", "20.00", ""),
        ("ADJUST", "10.00", "30.00", "Goodwill"),
        ("ADJUST", "-2.50", "27.50", "Mistake"),
    ]
    assert read["balance"]["amount"] == "27.50"
    actors = [t["actor"] for t in read["transactions"]] + [read["issuedBy"]]
    assert actors == [{"kind": "STAFF", "id": staff_id}] * 4
    assert all(t["orderId"] is None for t in read["transactions"])


async def test_staff_deactivate_reactivate_and_change_a_cards_expiry(
    merchant_a: MerchantWorld,
) -> None:
    card_id, _ = await issue_gift_card(merchant_a)
    later = (datetime.now(UTC) + timedelta(days=365)).isoformat()
    # when staff deactivate it and give it an expiry
    result = await merchant_a.run(
        UPDATE, {"id": card_id, "input": {"isActive": False, "expiresAt": later}}
    )
    changed = ok(result.data["giftCardUpdate"])["giftCard"]
    assert changed["isActive"] is False and changed["expiresAt"] is not None
    assert await listed(merchant_a, isActive=False) == [card_id]
    assert await listed(merchant_a, isActive=True) == []
    # when they reactivate it and remove the expiry (null), leaving the note alone
    result = await merchant_a.run(
        UPDATE, {"id": card_id, "input": {"isActive": True, "expiresAt": None}}
    )
    changed = ok(result.data["giftCardUpdate"])["giftCard"]
    assert changed["isActive"] is True and changed["expiresAt"] is None
    # and an expiry in the past is refused
    result = await merchant_a.run(
        UPDATE, {"id": card_id, "input": {"expiresAt": "2020-01-01T00:00:00Z"}}
    )
    assert result.data["giftCardUpdate"]["userErrors"][0]["field"] == ["expiresAt"]
    assert (await card(merchant_a, card_id))["expiresAt"] is None


async def test_a_customer_sees_the_balance_of_their_own_cards_and_never_the_code(
    merchant_a: MerchantWorld,
) -> None:
    # given a customer holding a card, and another customer
    _, token = await merchant_a.storefront("Web")
    holder = await shopper(merchant_a, token, "holder@customers.example.com")
    other = await shopper(merchant_a, token, "other@customers.example.com")
    card_id, code = await issue_gift_card(merchant_a, "25.00", customerId=holder.id)
    await issue_gift_card(merchant_a, "99.00")  # nobody's
    # when each asks for their gift cards
    mine = await holder.run(MY_CARDS)
    theirs = await other.run(MY_CARDS)
    # then the holder sees the card's last 4 and balance, the other customer sees none
    assert mine.data["me"]["giftCards"] == [
        {
            "last4": code[-4:],
            "maskedCode": f"****-****-****-{code[-4:]}",
            "balance": {"amount": "25.00"},
        }
    ]
    assert theirs.data["me"]["giftCards"] == []
    # and staff find the holder's cards by customer
    assert await listed(merchant_a, customerId=holder.id) == [card_id]
    # and their data export lists it the same way
    export = json.loads((await holder.run(MY_EXPORT)).data["me"]["dataExport"])
    assert [(c["last4"], c["balance"]) for c in export["giftCards"]] == [(code[-4:], "25.00")]
    assert code.replace("-", "") not in str(export)
    # while a customer cannot read the card itself
    assert (await holder.run(CARD, {"id": card_id})).error_codes == ["FORBIDDEN"]


async def test_deleting_a_customer_keeps_the_money_on_their_card(merchant_a: MerchantWorld) -> None:
    # given a card given to a customer
    _, token = await merchant_a.storefront("Web")
    holder = await shopper(merchant_a, token, "leaving@customers.example.com")
    card_id, _ = await issue_gift_card(merchant_a, "25.00", customerId=holder.id)
    # when the customer's account is deleted
    deleted = await merchant_a.run(CUSTOMER_DELETE, {"id": holder.id})
    assert ok(deleted.data["customerDelete"])["deletedId"] == holder.id
    # then the card is still there, with its balance, given to nobody
    kept = await merchant_a.run(
        "query($id: ID!) { node(id: $id) { ... on GiftCard { customerId balance { amount } } } }",
        {"id": card_id},
    )
    assert kept.data["node"] == {"customerId": None, "balance": {"amount": "25.00"}}


async def test_gift_card_changes_are_in_the_audit_log_without_the_code_or_its_digest(
    merchant_a: MerchantWorld,
) -> None:
    # when staff issue a card and adjust it
    card_id, code = await issue_gift_card(merchant_a)
    ok((await merchant_a.run(ADJUST, {"id": card_id, "amount": "5"})).data["giftCardBalanceAdjust"])
    # then both mutations are audited
    entries = (await merchant_a.run(AUDIT)).data["auditLog"]["nodes"]
    operations = [entry["operation"] for entry in entries]
    assert "giftCardIssue" in operations and "giftCardBalanceAdjust" in operations
    issued = next(e for e in entries if e["operation"] == "giftCardIssue")
    created = {change["entityType"]: change for change in issued["changes"]}
    assert set(created) == {"GiftCard", "GiftCardTransaction"}
    fields = {f["name"]: f["after"] for f in created["GiftCard"]["fields"]}
    assert fields["code_digest"] == '"[redacted]"'
    assert fields["balance_amount"] == "5000"
    # and neither the code nor anything derived from it but its last 4 appears
    text = str(entries)
    assert code not in text and code.replace("-", "") not in text
    assert not re.search(r"[0-9a-f]{64}", text)


async def test_who_holds_a_card_shows_only_to_staff_who_also_manage_customers(
    merchant_a: MerchantWorld,
) -> None:
    # given a card given to a customer, and a clerk who manages gift cards only
    _, token = await merchant_a.storefront("Web")
    holder = await shopper(merchant_a, token, "holder@customers.example.com")
    card_id, _ = await issue_gift_card(merchant_a, customerId=holder.id)
    _, clerk = await merchant_a.staff("clerk@alpha.example.com", ["MANAGE_GIFT_CARDS"])
    document = (
        "query($id: ID!) { node(id: $id) { ... on GiftCard { customerId customer { email } } } }"
    )
    # when the clerk and the owner read the card
    as_clerk = await merchant_a.run(document, {"id": card_id}, token=clerk)
    as_owner = await merchant_a.run(document, {"id": card_id})
    # then the clerk sees whose it is by ID only, the owner sees the customer
    assert as_clerk.error_codes == ["FORBIDDEN"]
    assert as_clerk.body["data"]["node"] == {"customerId": holder.id, "customer": None}
    assert as_owner.data["node"] == {"customerId": holder.id, "customer": {"email": holder.email}}
