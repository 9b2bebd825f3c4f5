// Pieces several pages share.
import { h, picture } from "./dom.js";
import { below, money, priceRange } from "./money.js";

export const CARD_FIELDS = `
  id name slug
  thumbnail { url alt }
  priceRange { start { amount currencyCode } stop { amount currencyCode } }
  variants { inStock price { amount currencyCode } salePrice { amount currencyCode } compareAtPrice { amount currencyCode } }
`;

export function productHref(product) {
  return `#/product/${encodeURIComponent(product.slug)}`;
}

export function productCard(product) {
  const sale = product.variants.find((variant) => below(variant.salePrice, variant.price));
  const reduced = sale || product.variants.some((variant) => below(variant.price, variant.compareAtPrice));
  const soldOut = product.variants.length > 0 && product.variants.every((variant) => variant.inStock === false);
  return h(
    "li",
    { class: "card" },
    h(
      "a",
      { href: productHref(product), class: "card-link" },
      picture(product.thumbnail, product.name, "card-picture"),
      h(
        "div",
        { class: "card-body" },
        h("h3", { class: "card-title" }, product.name),
        h(
          "p",
          { class: "card-price" },
          sale ? h("span", { class: "sale" }, `From ${money(sale.salePrice)}`) : priceRange(product.priceRange),
        ),
        soldOut ? h("p", { class: "tag sold-out" }, "Sold out") : reduced ? h("p", { class: "tag on-sale" }, "On sale") : null,
      ),
    ),
  );
}

export function productGrid(products, label) {
  return h("ul", { class: "grid", "aria-label": label }, products.map(productCard));
}

export function pageTitle(text, shopName) {
  document.title = `${text} · ${shopName}`;
  return h("h1", { tabindex: "-1" }, text);
}
