"""A customer's address book: validated addresses, errors naming the field, defaults."""

from typing import Any

import pytest

from tests.support.actors import MerchantWorld, ok
from tests.support.customers import ADDRESS_CREATE, AN_ADDRESS, Shopper, shopper

BOOK = """
{ me { ... on Customer {
  addresses { id city postalCode country isDefaultShipping isDefaultBilling }
  defaultShippingAddress { id } defaultBillingAddress { id }
} } }
"""
UPDATE = """
mutation($id: ID!, $address: AddressInput!) {
  customerAddressUpdate(id: $id, address: $address) {
    address { id city postalCode country isDefaultShipping isDefaultBilling }
    userErrors { field message code }
  }
}
"""
DELETE = """
mutation($id: ID!) { customerAddressDelete(id: $id) { deletedId userErrors { field code } } }
"""


@pytest.fixture
async def me(merchant_a: MerchantWorld) -> Shopper:
    _id, token = await merchant_a.storefront("Web")
    return await shopper(merchant_a, token)


async def book(me: Shopper) -> dict[str, Any]:
    result: dict[str, Any] = (await me.run(BOOK)).data["me"]
    return result


@pytest.mark.parametrize(
    ("country", "postal_code", "region"),
    [
        ("US", "94107", "CA"),
        ("US", "94107-1234", "CA"),
        ("CA", "k1a 0b1", "ON"),
        ("GB", "SW1A 1AA", None),
        ("GB", "ec1a1bb", None),
        ("DE", "10117", None),
        ("FR", "75008", None),
        ("NL", "1012 JS", None),
        ("NL", "1012js", None),
        ("PL", "00-950", None),
        ("IE", "D02 X285", None),
        ("AE", "", None),
        ("JP", "100-0001", None),
    ],
)
async def test_valid_addresses_are_stored_normalised(
    me: Shopper, country: str, postal_code: str, region: str | None
) -> None:
    fields = {**AN_ADDRESS, "country": country.lower(), "postalCode": postal_code}
    if region:
        fields["region"] = region
    result = await me.run(ADDRESS_CREATE, {"address": fields})
    address = ok(result.data["customerAddressCreate"])["address"]
    assert address["country"] == country
    assert address["postalCode"] == " ".join(postal_code.upper().split())


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"country": "XX"}, "country", "INVALID"),
        ({"country": "Germany"}, "country", "INVALID"),
        ({"country": ""}, "country", "REQUIRED"),
        ({"postalCode": "1011"}, "postalCode", "INVALID"),
        ({"postalCode": "ABCDE"}, "postalCode", "INVALID"),
        ({"country": "US", "region": "CA", "postalCode": "9410"}, "postalCode", "INVALID"),
        ({"country": "US", "postalCode": "94107"}, "region", "REQUIRED"),
        ({"country": "GB", "postalCode": "12345"}, "postalCode", "INVALID"),
        ({"country": "NL", "postalCode": "0123 AB"}, "postalCode", "INVALID"),
        ({"firstName": ""}, "firstName", "REQUIRED"),
        ({"lastName": None}, "lastName", "REQUIRED"),
        ({"streetLine1": "   "}, "streetLine1", "REQUIRED"),
        ({"city": "x" * 101}, "city", "TOO_LONG"),
        ({"company": "x" * 121}, "company", "TOO_LONG"),
        ({"phone": "+49\n30"}, "phone", "INVALID"),
        ({"postalCode": "1" * 500}, "postalCode", "INVALID"),
    ],
)
async def test_an_invalid_address_is_refused_naming_the_field_and_nothing_is_stored(
    me: Shopper, changes: dict[str, Any], field: str, code: str
) -> None:
    result = await me.run(ADDRESS_CREATE, {"address": {**AN_ADDRESS, **changes}})
    payload = result.data["customerAddressCreate"]
    assert payload["address"] is None
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [(["address", field], code)]
    assert (await book(me))["addresses"] == []


async def test_the_first_address_is_both_defaults_and_a_new_default_replaces_the_old(
    me: Shopper,
) -> None:
    # given a first address and a second one
    home = await me.address()
    work = await me.address(city="Hamburg", postalCode="20457")
    state = await book(me)
    assert state["defaultShippingAddress"] == {"id": home}
    assert state["defaultBillingAddress"] == {"id": home}
    # when the second becomes the default shipping address
    result = await me.run(UPDATE, {"id": work, "address": {"isDefaultShipping": True}})
    ok(result.data["customerAddressUpdate"])
    # then it is the only default shipping address; billing stays with the first
    state = await book(me)
    assert state["defaultShippingAddress"] == {"id": work}
    assert state["defaultBillingAddress"] == {"id": home}
    assert [a["isDefaultShipping"] for a in state["addresses"]] == [False, True]


async def test_an_update_is_validated_against_the_whole_address(me: Shopper) -> None:
    # given a German address
    address_id = await me.address()
    # when only the country changes to the US (a German postal code, no state)
    moved = await me.run(UPDATE, {"id": address_id, "address": {"country": "US"}})
    # then it is refused naming the first field at fault, and the address is unchanged
    assert moved.data["customerAddressUpdate"]["userErrors"][0]["field"] == ["address", "region"]
    fixed = await me.run(
        UPDATE,
        {"id": address_id, "address": {"country": "US", "region": "NY", "postalCode": "10001"}},
    )
    assert ok(fixed.data["customerAddressUpdate"])["address"]["country"] == "US"


async def test_an_address_is_deleted(me: Shopper) -> None:
    address_id = await me.address()
    result = await me.run(DELETE, {"id": address_id})
    assert ok(result.data["customerAddressDelete"])["deletedId"] == address_id
    assert (await book(me))["addresses"] == []


@pytest.mark.parametrize("bad_id", ["nonsense", "UHJvZHVjdDox", ""])
async def test_a_malformed_or_wrong_type_id_is_a_typed_error(me: Shopper, bad_id: str) -> None:
    result = await me.run(DELETE, {"id": bad_id})
    assert result.data["customerAddressDelete"]["userErrors"][0]["code"] == "INVALID_ID"


async def test_staff_cannot_edit_a_customers_address_book(
    me: Shopper, merchant_a: MerchantWorld
) -> None:
    result = await merchant_a.run(ADDRESS_CREATE, {"address": AN_ADDRESS})
    assert result.error_codes == ["FORBIDDEN"]
