"""A customer can never read or change another customer's data, nor use staff operations.

Alice and Bob shop at the same merchant; Carol at another. Every object a customer owns is
tried by ID through `node`/`nodes` and through every customer mutation taking one; every
staff-only field and operation is tried by a customer.
"""

from dataclasses import dataclass
from typing import Any

import pytest

from tests.support.actors import MerchantWorld, ok
from tests.support.catalog import Catalog
from tests.support.customers import Shopper, shopper

NODE = "query($id: ID!) { node(id: $id) { __typename id } }"
NODES = "query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }"
OWN = """
{
  me {
    ... on Customer {
      id email firstName tags
      addresses { id city isDefaultShipping }
      wishlists { id name shareToken items { addedAt variant { id } } }
    }
  }
}
"""
WISHLIST_CREATE = """
mutation($name: String!) { wishlistCreate(name: $name) { wishlist { id } userErrors { code } } }
"""
WISHLIST_ITEM_ADD = """
mutation($list: ID!, $variant: ID!) {
  wishlistItemAdd(wishlistId: $list, variantId: $variant) {
    wishlist { id items { variant { id } } } userErrors { field code }
  }
}
"""


@dataclass
class World:
    alice: Shopper
    bob: Shopper
    carol: Shopper  # a customer of another merchant
    bob_address: str
    bob_wishlist: str
    variant_id: str


@pytest.fixture
async def world(merchant_a: MerchantWorld, merchant_b: MerchantWorld) -> World:
    storefront_id, token = await merchant_a.storefront("Web")
    catalog = Catalog(merchant_a)
    product_id = await catalog.product("Trail runner")
    variant_id = await catalog.variant(product_id, "RUN-1")
    await catalog.publish(product_id, storefront_id)
    await catalog.price(variant_id, storefront_id, "50.00")
    alice = await shopper(merchant_a, token)
    bob = await shopper(merchant_a, token)
    _, b_token = await merchant_b.storefront("B")
    carol = await shopper(merchant_b, b_token)
    bob_address = await bob.address()
    made = await bob.run(WISHLIST_CREATE, {"name": "Bob's list"})
    bob_wishlist = ok(made.data["wishlistCreate"])["wishlist"]["id"]
    added = await bob.run(WISHLIST_ITEM_ADD, {"list": bob_wishlist, "variant": variant_id})
    ok(added.data["wishlistItemAdd"])
    return World(alice, bob, carol, bob_address, bob_wishlist, variant_id)


def ids_of(world: World) -> dict[str, str]:
    return {"Customer": world.bob.id, "Address": world.bob_address, "Wishlist": world.bob_wishlist}


@pytest.mark.parametrize("type_name", ["Customer", "Address", "Wishlist"])
@pytest.mark.parametrize("reader", ["alice", "carol"])
async def test_another_customers_object_is_not_found_by_id(
    world: World, type_name: str, reader: str
) -> None:
    # given Bob's object, and Alice (same merchant) or Carol (another merchant)
    who: Shopper = getattr(world, reader)
    bob_id = ids_of(world)[type_name]
    # when they ask for it alone and among their own
    alone = await who.run(NODE, {"id": bob_id})
    many = await who.run(NODES, {"ids": [who.id, bob_id]})
    # then they get nothing of Bob's
    assert (alone.body.get("data") or {}).get("node") is None
    assert alone.error_codes in (["NOT_FOUND"], ["UNAUTHENTICATED"]), alone.body
    assert bob_id not in str(many.body.get("data"))


async def test_a_customer_reads_their_own_objects_by_id(world: World) -> None:
    ids = list(ids_of(world).values())
    result = await world.bob.run(NODES, {"ids": ids})
    assert [node["id"] for node in result.data["nodes"]] == ids


@dataclass(frozen=True)
class Attack:
    document: str
    variables: Any  # (World) -> dict

    def __str__(self) -> str:
        return self.document.split("(")[1].split("{")[-1].strip()


ATTACKS = {
    "customerAddressUpdate": Attack(
        """mutation($id: ID!) { customerAddressUpdate(id: $id, address: {city: "Stolen",
        isDefaultShipping: true}) { address { id } userErrors { code } } }""",
        lambda w: {"id": w.bob_address},
    ),
    "customerAddressDelete": Attack(
        "mutation($id: ID!) { customerAddressDelete(id: $id) { deletedId userErrors { code } } }",
        lambda w: {"id": w.bob_address},
    ),
    "wishlistRename": Attack(
        """mutation($id: ID!) { wishlistRename(id: $id, name: "Stolen") {
        wishlist { id } userErrors { code } } }""",
        lambda w: {"id": w.bob_wishlist},
    ),
    "wishlistShare": Attack(
        """mutation($id: ID!) { wishlistShare(id: $id, shared: true) {
        wishlist { shareToken } userErrors { code } } }""",
        lambda w: {"id": w.bob_wishlist},
    ),
    "wishlistDelete": Attack(
        "mutation($id: ID!) { wishlistDelete(id: $id) { deletedId userErrors { code } } }",
        lambda w: {"id": w.bob_wishlist},
    ),
    "wishlistItemAdd": Attack(
        """mutation($id: ID!, $v: ID!) { wishlistItemAdd(wishlistId: $id, variantId: $v) {
        wishlist { id } userErrors { code } } }""",
        lambda w: {"id": w.bob_wishlist, "v": w.variant_id},
    ),
    "wishlistItemRemove": Attack(
        """mutation($id: ID!, $v: ID!) { wishlistItemRemove(wishlistId: $id, variantId: $v) {
        wishlist { id } userErrors { code } } }""",
        lambda w: {"id": w.bob_wishlist, "v": w.variant_id},
    ),
}


@pytest.mark.parametrize("mutation", sorted(ATTACKS))
@pytest.mark.parametrize("attacker", ["alice", "carol"])
async def test_a_customer_cannot_change_another_customers_objects(
    world: World, mutation: str, attacker: str
) -> None:
    # given Bob's account as Bob sees it
    before = (await world.bob.run(OWN)).data
    attack = ATTACKS[mutation]
    # when Alice or Carol runs the mutation on Bob's object
    result = await getattr(world, attacker).run(attack.document, attack.variables(world))
    # then it is as if the object did not exist (Carol's storefront does not know Bob's list
    # nor the variant: a NOT_FOUND either way), and Bob's account is unchanged
    payload = (result.body.get("data") or {}).get(mutation)
    user_codes = [e["code"] for e in payload["userErrors"]] if payload else []
    assert result.error_codes + user_codes == ["NOT_FOUND"], result.body
    assert payload is None or all(v is None for k, v in payload.items() if k != "userErrors")
    assert (await world.bob.run(OWN)).data == before


STAFF_FIELDS = {
    "privateMetadata": "{ me { ... on Customer { privateMetadata { key } } } }",
    "notes": "{ me { ... on Customer { notes { body } } } }",
}


@pytest.mark.parametrize("field", sorted(STAFF_FIELDS))
async def test_staff_only_fields_of_their_own_account_are_refused_to_a_customer(
    world: World, field: str
) -> None:
    result = await world.bob.run(STAFF_FIELDS[field])
    assert result.error_codes == ["FORBIDDEN"], result.body
    assert result.data["me"][field] is None


STAFF_OPERATIONS = {
    "customers": "{ customers { nodes { id } } }",
    "customer": "query($id: ID!) { customer(id: $id) { id } }",
    "customerTiers": "{ customerTiers { nodes { id } } }",
    "segments": "{ segments { nodes { id } } }",
    "customerUpdate": """mutation($id: ID!) { customerUpdate(id: $id, input:
        {privateMetadata: [{key: "vip", value: "yes"}]}) { customer { id } } }""",
    "customerTagsAdd": """mutation($id: ID!) { customerTagsAdd(id: $id, tags: ["vip"]) {
        customer { id } } }""",
    "customerNoteAdd": """mutation($id: ID!) { customerNoteAdd(id: $id, body: "hi") {
        note { id } } }""",
    "customerDelete": "mutation($id: ID!) { customerDelete(id: $id) { deletedId } }",
    "customerTierCreate": """mutation { customerTierCreate(input: {name: "Me", level: 1}) {
        tier { id } } }""",
    "segmentCreate": """mutation { segmentCreate(input: {name: "Me", rule: {match: ALL}}) {
        segment { id } } }""",
}


@pytest.mark.parametrize("operation", sorted(STAFF_OPERATIONS))
async def test_a_customer_cannot_use_the_merchants_operations_even_on_themselves(
    world: World, operation: str
) -> None:
    document = STAFF_OPERATIONS[operation]
    variables = {"id": world.alice.id} if "$id" in document else None
    result = await world.alice.run(document, variables)
    assert result.error_codes == ["FORBIDDEN"], result.body
    assert (result.body.get("data") or {}).get(operation) is None


async def test_a_customers_own_export_holds_their_data_but_not_the_merchants_notes(
    world: World, merchant_a: MerchantWorld
) -> None:
    # given staff notes and private metadata on Bob
    await merchant_a.run(
        """mutation($id: ID!) { customerNoteAdd(id: $id, body: "Difficult customer") {
        note { id } } }""",
        {"id": world.bob.id},
    )
    await merchant_a.run(
        """mutation($id: ID!) { customerUpdate(id: $id, input: {
        privateMetadata: [{key: "risk", value: "high"}], metadata: [{key: "size", value: "M"}]
        }) { customer { id } } }""",
        {"id": world.bob.id},
    )
    export = "{ me { ... on Customer { dataExport } } }"
    # when Bob exports his data, and staff export it
    own = (await world.bob.run(export)).data["me"]["dataExport"]
    staff = await merchant_a.run(
        "query($id: ID!) { customer(id: $id) { dataExport } }", {"id": world.bob.id}
    )
    # then Bob's holds his profile, address and wishlist, never the notes or private metadata
    assert world.bob.email in own and "Unter den Linden 1" in own and "Bob's list" in own
    assert '"size": "M"' in own
    assert "Difficult customer" not in own and "risk" not in own
    assert "Difficult customer" in staff.data["customer"]["dataExport"]


async def test_mutations_without_an_id_act_only_on_the_callers_own_account(world: World) -> None:
    # given Bob's account as Bob sees it
    before = (await world.bob.run(OWN)).data
    # when Alice renames herself, creates an address and a list, then deletes her account
    await world.alice.run(
        'mutation { customerProfileUpdate(input: {firstName: "Mallory"}) { customer { id } } }'
    )
    await world.alice.address()
    await world.alice.run(WISHLIST_CREATE, {"name": "Mine"})
    deleted = await world.alice.run(
        'mutation { customerAccountDelete(password: "correct horse battery") { deletedId } }'
    )
    # then only Alice's account was touched
    assert deleted.data["customerAccountDelete"]["deletedId"] == world.alice.id
    assert (await world.bob.run(OWN)).data == before
