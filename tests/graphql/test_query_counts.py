"""Hot paths issue a constant number of SQL statements, however long the page."""

from typing import Any

from starlette.applications import Starlette

from tests.support.actors import PASSWORD, MerchantWorld, ok
from tests.support.customers import shopper
from tests.support.statements import recorded_statements

STAFF_PAGE = """
{
  staffUsers(first: 50) {
    edges { node { id email roles { name } permissions } }
  }
}
"""
STAFF_CREATE = """
mutation($input: StaffCreateInput!) {
  staffCreate(input: $input) { staffUser { id } userErrors { field message code } }
}
"""


async def add_staff(merchant: MerchantWorld, role_id: str, numbers: range) -> None:
    for number in numbers:
        email = f"clerk{number}@{merchant.slug}.example.com"
        result = await merchant.run(
            STAFF_CREATE,
            {"input": {"email": email, "name": email, "password": PASSWORD, "roleIds": [role_id]}},
        )
        ok(result.data["staffCreate"])


async def statements_for_staff_page(
    app: Starlette, merchant: MerchantWorld
) -> tuple[int, list[dict[str, Any]]]:
    """(statements issued, staff listed) for one request of the staff page."""
    engine = app.state.agora.database.engine.sync_engine
    with recorded_statements(engine) as statements:
        result = await merchant.run(STAFF_PAGE)
    edges = result.data["staffUsers"]["edges"]
    return len(statements), [edge["node"] for edge in edges]


async def test_listing_staff_with_roles_and_permissions_costs_the_same_for_2_or_30_users(
    app: Starlette, merchant_a: MerchantWorld
) -> None:
    # given the owner and one clerk, and the page read once already (warm caches)
    role_id = await merchant_a.role("Clerks", ["MANAGE_PRODUCTS", "MANAGE_ORDERS"])
    await add_staff(merchant_a, role_id, range(1))
    await statements_for_staff_page(app, merchant_a)
    small, small_page = await statements_for_staff_page(app, merchant_a)
    # when 28 more clerks join and the page is read again
    await add_staff(merchant_a, role_id, range(1, 29))
    large, large_page = await statements_for_staff_page(app, merchant_a)
    # then the page is complete, every clerk shows its role and permissions ...
    assert (len(small_page), len(large_page)) == (2, 30)
    clerks = [node for node in large_page if node["email"] != merchant_a.owner_email]
    assert len(clerks) == 29
    for clerk in clerks:
        assert clerk["roles"] == [{"name": "Clerks"}]
        assert clerk["permissions"] == ["MANAGE_ORDERS", "MANAGE_PRODUCTS"]
    # ... and it took exactly as many statements as the two-user page
    assert large == small, f"{small} statements for 2 staff users, {large} for 30"


CUSTOMER_PAGE = """
{
  customers(first: 50) {
    nodes {
      id email tier { name } addresses { city } defaultShippingAddress { country }
      notes { body author { email } } wishlists { name items { addedAt } }
    }
  }
}
"""


async def statements_for_customer_page(app: Starlette, merchant: MerchantWorld) -> tuple[int, int]:
    engine = app.state.agora.database.engine.sync_engine
    with recorded_statements(engine) as statements:
        result = await merchant.run(CUSTOMER_PAGE)
    return len(statements), len(result.data["customers"]["nodes"])


async def test_listing_customers_with_their_relations_costs_the_same_for_2_or_12(
    app: Starlette, merchant_a: MerchantWorld
) -> None:
    # given a tier everyone earns, and customers with an address, a note and a wishlist
    tier = await merchant_a.run(
        'mutation { customerTierCreate(input: {name: "Member", level: 0}) { tier { id } } }'
    )
    assert tier.data["customerTierCreate"]["tier"]
    _id, storefront = await merchant_a.storefront("Web")

    async def add(count: int) -> None:
        for _ in range(count):
            customer = await shopper(merchant_a, storefront)
            await customer.address()
            await customer.run('mutation { wishlistCreate(name: "Later") { wishlist { id } } }')
            await merchant_a.run(
                'mutation($id: ID!) { customerNoteAdd(id: $id, body: "Hi") { note { id } } }',
                {"id": customer.id},
            )

    await add(2)
    await statements_for_customer_page(app, merchant_a)
    small, listed_small = await statements_for_customer_page(app, merchant_a)
    # when ten more join
    await add(10)
    large, listed_large = await statements_for_customer_page(app, merchant_a)
    # then the page costs the same number of statements
    assert (listed_small, listed_large) == (2, 12)
    assert large == small, f"{small} statements for 2 customers, {large} for 12"
