"""A visitor shops in a real browser: the web shop (storefronts/web) on `agora serve --demo`.

Both journeys end with an order the merchant can see: the first is checked through the admin
API, the second in the customer's own order history. Screenshots of each page go to
test-artifacts/screenshots/ (kept by CI as artifacts).
"""

import json
import re
import uuid

import httpx
from playwright.sync_api import Page, Route, expect

from server.demo import DEMO_MERCHANT, DEMO_PASSWORD, DEMO_STAFF_EMAIL
from tests.storefronts.web.conftest import needs_chromium, screenshot

pytestmark = needs_chromium

STAFF_LOGIN = """mutation($m: String!, $e: String!, $p: String!) {
  staffLogin(merchant: $m, email: $e, password: $p) { accessToken userErrors { code } } }"""
ORDERS = """query($email: String!) {
  orders(first: 5, filter: {search: $email}) {
    nodes { number email status total { amount currencyCode } lines { sku quantity } }
  }
}"""
ADDRESS = {
    "First name": "Ada",
    "Last name": "Lovelace",
    "Street address": "1 Market St",
    "City": "San Francisco",
    "State or province": "CA",
    "ZIP or postal code": "94105",
}
# Every form control has a label (or an accessible name), every image a text alternative.
UNLABELLED = """() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
  .filter((el) => !(el.labels?.length || el.getAttribute('aria-label')))
  .map((el) => el.outerHTML)"""
NO_ALT = """() => [...document.querySelectorAll('img')]
  .filter((img) => !(img.getAttribute('alt') || '').trim()).map((img) => img.outerHTML)"""


def open_shop(page: Page, path: str = "") -> None:
    page.goto(f"/shop/{path}")
    expect(page.locator("body[data-ready]")).to_have_count(1)


def assert_accessible(page: Page) -> None:
    assert page.evaluate(UNLABELLED) == []
    assert page.evaluate(NO_ALT) == []


def add_a_variant_to_the_cart(page: Page) -> str:
    """On a product page: choose another in-stock option with the keyboard, add it to the cart."""
    options = page.locator(".option:not(.unavailable) input[type=radio]:not(:checked)")
    expect(page.locator("#add-to-cart")).to_be_visible()
    if options.count():
        option = page.locator(f"#{options.first.get_attribute('id')}")
        option.focus()
        page.keyboard.press("Space")
        expect(option).to_be_checked()
    chosen = " / ".join(page.locator("[data-chosen]").all_inner_texts())
    expect(page.locator(".stock")).not_to_have_text("Sold out")
    page.locator("#add-to-cart").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Added to your cart.")).to_be_visible()
    return chosen


def check_out(page: Page, email: str, *, shots: bool, decline_first: bool = False) -> int:
    """From the cart: address, delivery, a promo code the shop does not know, the test card
    (after a declined one, if asked: the refusal is shown and nothing is ordered)."""
    page.locator("#checkout-link").click()
    expect(page.get_by_role("heading", name="Checkout")).to_be_visible()
    page.get_by_label("Email").fill(email)
    for label, value in ADDRESS.items():
        page.get_by_label(label, exact=True).fill(value)
    page.get_by_label("Country").select_option("US")
    page.get_by_role("button", name="Continue to delivery").click()
    page.get_by_label(re.compile("^Standard")).check()
    expect(page.locator("#place-order")).to_be_enabled()
    page.get_by_role("textbox", name="Promo code").fill("NO-SUCH-CODE")
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_role("alert")).to_be_visible()
    if decline_first:
        page.get_by_label(re.compile("declined")).check()
        page.locator("#place-order").click()
        expect(
            page.locator(".step", has=page.locator("#step-payment")).get_by_role("alert")
        ).to_be_visible()
        expect(page.get_by_role("heading", name="Checkout")).to_be_visible()
    page.get_by_label(re.compile("approved")).check()
    assert_accessible(page)
    if shots:
        page.evaluate("window.scrollTo(0, 0)")
        screenshot(page, "checkout", full_page=True)
    page.locator("#place-order").click()
    number = page.locator("#order-number")
    expect(number).to_have_text(re.compile(r"^#\d+$"))
    expect(page.get_by_role("heading", name="Thank you for your order")).to_be_visible()
    return int(number.inner_text().lstrip("#"))


@needs_chromium
def test_a_visitor_searches_picks_a_variant_and_pays_and_the_merchant_sees_the_order(
    page: Page, shop_url: str
) -> None:
    # given the demo shop's home page, as a newcomer sees it after `make demo`
    open_shop(page)
    expect(page.get_by_role("heading", name="Staff picks")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "home", full_page=True)
    # when the visitor searches with the keyboard alone (skip link, brand, then the search box)
    for _ in range(3):
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "search-input"
    page.keyboard.type("wool")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Results for “wool”")).to_be_visible()
    # and narrows the results with a facet
    page.get_by_label("In stock only").check()
    expect(page).to_have_url(re.compile(r"stock=1"))
    expect(page.locator(".grid .card").first).to_be_visible()
    assert_accessible(page)
    screenshot(page, "listing")
    # and opens a product, picks another variant and adds it to the cart
    page.locator(".grid .card-link").first.click()
    expect(page.locator("#add-to-cart")).to_be_visible()
    product = page.locator("h1").inner_text()
    chosen = add_a_variant_to_the_cart(page)
    # the API has reviews (none for the demo's products yet)
    expect(page.locator("section.reviews")).to_contain_text("No reviews yet.")
    assert_accessible(page)
    screenshot(page, "product")
    page.set_viewport_size({"width": 390, "height": 844})  # and on a phone
    screenshot(page, "product-phone", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.locator("#cart-link").click()
    line = page.locator(".cart-line")
    expect(line).to_have_count(1)
    expect(line).to_contain_text(product)
    expect(page.locator("#cart-count")).to_have_text("1")
    assert_accessible(page)
    screenshot(page, "cart")
    # and checks out with the dummy gateway's approving card
    email = f"visitor-{uuid.uuid4().hex[:8]}@example.com"
    number = check_out(page, email, shots=True)
    screenshot(page, "confirmation")
    # then the merchant's admin API has that order, paid, for that visitor
    staff = httpx.post(
        f"{shop_url}/graphql",
        json={
            "query": STAFF_LOGIN,
            "variables": {"m": DEMO_MERCHANT, "e": DEMO_STAFF_EMAIL, "p": DEMO_PASSWORD},
        },
        timeout=30,
    ).json()["data"]["staffLogin"]
    orders = httpx.post(
        f"{shop_url}/graphql",
        json={"query": ORDERS, "variables": {"email": email}},
        headers={"Authorization": f"Bearer {staff['accessToken']}"},
        timeout=30,
    ).json()["data"]["orders"]["nodes"]
    assert [(order["number"], order["email"]) for order in orders] == [(number, email)]
    assert orders[0]["status"] == "PAID" or orders[0]["status"].startswith("PAID")
    assert [line["quantity"] for line in orders[0]["lines"]] == [1]
    assert chosen  # the variant the visitor chose is the one that was bought (see the cart line)
    # and the cart is empty again
    expect(page.locator("#cart-count")).to_have_text("0")


@needs_chromium
def test_a_customer_registers_orders_and_finds_the_order_in_their_history(page: Page) -> None:
    # given a guest with a scarf in their cart
    open_shop(page, "#/search?q=scarf")
    page.locator(".grid .card-link").first.click()
    add_a_variant_to_the_cart(page)
    expect(page.locator("#cart-count")).to_have_text("1")
    # when they register (the guest cart becomes the customer's)
    page.locator("#account-link").click()
    page.get_by_role("link", name="Create an account").click()
    email = f"grace-{uuid.uuid4().hex[:8]}@example.com"
    page.get_by_label("First name").fill("Grace")
    page.get_by_label("Last name").fill("Hopper")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill("a long enough passphrase")
    assert_accessible(page)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Hello, Grace")).to_be_visible()
    expect(page.get_by_text("No orders yet.")).to_be_visible()
    expect(page.locator("#account-link")).to_have_text("Account")
    # and check out signed in, the declined test card first
    page.locator("#cart-link").click()
    expect(page.locator(".cart-line")).to_have_count(1)
    number = check_out(page, email, shots=False, decline_first=True)
    # then their account lists the order
    page.locator("#account-link").click()
    history = page.get_by_role("table")
    expect(history).to_contain_text(f"#{number}")
    assert_accessible(page)
    screenshot(page, "account")
    # and after signing out and in again, it is still theirs
    page.get_by_role("button", name="Sign out").click()
    expect(page.locator("#account-link")).to_have_text("Sign in")
    page.locator("#account-link").click()
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill("a long enough passphrase")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("table")).to_contain_text(f"#{number}")


REVIEWS = {
    "ProductRating": {"product": {"rating": {"average": "4.5", "count": 2}}},
    "ProductReviews": {
        "product": {
            "reviews": {
                "nodes": [
                    {
                        "rating": 5,
                        "title": "<b>Warm</b> and soft",
                        "body": "Wore it all winter.",
                        "authorName": "Lin",
                        "createdAt": "2026-11-02T10:00:00Z",
                    },
                    {
                        "rating": 4,
                        "title": "Good",
                        "body": "",
                        "authorName": "Sam",
                        "createdAt": "2026-11-20T10:00:00Z",
                    },
                ]
            }
        }
    },
}


def _answer_reviews(route: Route) -> None:
    """An API that has product reviews (fields assumed: Product.rating { average count },
    Product.reviews(first:) { nodes { rating title body authorName createdAt } })."""
    operation = (route.request.post_data_json or {}).get("query", "")
    found = next((name for name in REVIEWS if f"query {name}(" in operation), None)
    if found is None:
        route.continue_()
        return
    route.fulfill(content_type="application/json", body=json.dumps({"data": REVIEWS[found]}))


@needs_chromium
def test_reviews_show_when_the_api_offers_them_as_text(page: Page) -> None:
    # given an API answering the product page's reviews queries
    page.route("**/graphql", _answer_reviews)
    # when a visitor opens a product
    open_shop(page, "#/search?q=wool")
    page.locator(".grid .card-link").first.click()
    # then the rating and the reviews show, their text as text (never as markup)
    expect(page.locator("#rating-line")).to_contain_text("4.5 out of 5")
    reviews = page.locator("section.reviews")
    expect(reviews.get_by_role("heading", name="Reviews")).to_be_visible()
    expect(reviews.locator(".review")).to_have_count(2)
    expect(reviews).to_contain_text("<b>Warm</b> and soft")
    assert reviews.locator("b").count() == 0
