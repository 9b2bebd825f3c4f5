// The shop's entry point: configuration, the header, and a hash router (#/path?query), so the
// files can be served by any static host without rewrite rules.
import { ApiError, gql, loadConfig } from "./api.js";
import { cartId, loadCart } from "./cart.js";
import { errorBox, h, hideToast, replace } from "./dom.js";
import { navigate } from "./router.js";
import { session } from "./session.js";
import { renderHome } from "./pages/home.js";
import { renderListing } from "./pages/listing.js";
import { renderProduct } from "./pages/product.js";
import { renderCart } from "./pages/cart.js";
import { renderCheckout } from "./pages/checkout.js";
import { renderConfirmation } from "./pages/confirmation.js";
import { renderAccount, renderRegister, renderSignIn } from "./pages/account.js";

const SHELL = `query Shell {
  storefront { name currency defaultCountry }
  categories(first: 100) { nodes { id name slug parent { id } } }
}`;

import { shop } from "./shop.js";

const ROUTES = [
  [/^\/$/, renderHome],
  [/^\/category\/([^/]+)$/, (main, [slug], query) => renderListing(main, { kind: "category", slug }, query)],
  [/^\/collection\/([^/]+)$/, (main, [slug], query) => renderListing(main, { kind: "collection", slug }, query)],
  [/^\/search$/, (main, _params, query) => renderListing(main, { kind: "search" }, query)],
  [/^\/product\/([^/]+)$/, (main, [slug]) => renderProduct(main, slug)],
  [/^\/cart$/, renderCart],
  [/^\/checkout$/, renderCheckout],
  [/^\/order$/, renderConfirmation],
  [/^\/account$/, renderAccount],
  [/^\/sign-in$/, renderSignIn],
  [/^\/register$/, renderRegister],
];


let firstRoute = true;

let generation = 0;
let settledTitle = null;

// Each page renders into a fresh view (its path parameters and query string's values given),
// which replaces the current one when ready: the old page stays while the new one loads, and
// a page asked for later always wins over a slower earlier one.
async function route() {
  if (location.hash && !location.hash.startsWith("#/")) return; // an in-page anchor, not a page
  const [path, search = ""] = (location.hash.slice(1) || "/").split("?");
  const query = new URLSearchParams(search);
  const main = document.getElementById("main");
  const focused = document.activeElement?.id;
  const match = ROUTES.map(([pattern, render]) => [pattern.exec(path), render]).find(([found]) => found);
  const mine = ++generation;
  const view = h("div", { class: "view" });
  main.setAttribute("aria-busy", "true");
  hideToast();
  try {
    if (!match) {
      document.title = `Not found · ${shop.name}`;
      replace(view, h("h1", { tabindex: "-1" }, "Page not found"), h("p", {}, h("a", { href: "#/" }, "Back to the shop")));
    } else {
      const [found, render] = match;
      await render(view, found.slice(1).map(decodeURIComponent), query);
    }
  } catch (error) {
    console.error(error);
    replace(view, h("h1", { tabindex: "-1" }, "Something went wrong"), errorBox(error instanceof ApiError ? error.message : String(error.message ?? error)));
  }
  if (mine !== generation) {
    if (settledTitle) document.title = settledTitle;
    return; // a newer page was asked for meanwhile
  }
  settledTitle = document.title;
  main.replaceChildren(view);
  main.removeAttribute("aria-busy");
  // After moving to another page, keyboard and screen reader users land on its heading (or
  // keep the control they were using); the first page keeps the browser's natural order.
  const keep = focused && document.getElementById(focused);
  if (keep && main.contains(keep)) keep.focus();
  else if (!firstRoute) main.querySelector("h1")?.focus({ preventScroll: true });
  if (!keep) window.scrollTo(0, 0);
  firstRoute = false;
  document.getElementById("search-input").value = path === "/search" ? query.get("q") ?? "" : "";
}

function renderHeader() {
  document.getElementById("brand").textContent = shop.name;
  const roots = shop.categories.filter((category) => !category.parent);
  replace(
    document.getElementById("category-nav"),
    roots.map((category) => h("li", {}, h("a", { href: `#/category/${encodeURIComponent(category.slug)}` }, category.name))),
  );
  updateAccountLink();
}

function updateAccountLink() {
  document.getElementById("account-link").textContent = session.signedIn ? "Account" : "Sign in";
}

function updateCartCount(cart) {
  const count = cart?.totalQuantity ?? 0;
  const badge = document.getElementById("cart-count");
  badge.textContent = String(count);
  document.getElementById("cart-link").setAttribute("aria-label", `Cart, ${count} ${count === 1 ? "item" : "items"}`);
}

async function boot() {
  // The skip link moves focus without touching the router's hash.
  document.getElementById("skip-link").addEventListener("click", (event) => {
    event.preventDefault();
    document.getElementById("main").focus();
  });
  document.getElementById("search-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const q = new FormData(event.target).get("q").trim();
    navigate(q ? `/search?q=${encodeURIComponent(q)}` : "/search");
  });
  window.addEventListener("cart:changed", (event) => updateCartCount(event.detail));
  window.addEventListener("session:changed", updateAccountLink);
  window.addEventListener("hashchange", route);
  try {
    await loadConfig();
    const data = await gql(SHELL);
    Object.assign(shop, data.storefront ?? {}, { categories: data.categories.nodes });
  } catch (error) {
    replace(document.getElementById("main"), h("h1", {}, "The shop is not available"), errorBox(error.message));
    return;
  }
  renderHeader();
  if (cartId()) loadCart().catch(() => {});
  await route();
  document.body.dataset.ready = "true";
}

boot();
