// A product: pictures, description, variant choice (one control per attribute the variants
// differ by), price, stock, quantity, add to cart; reviews when the API offers them.
import { ApiError, gql } from "../api.js";
import { CartError, addToCart } from "../cart.js";
import { pageTitle } from "../components.js";
import { errorBox, field, h, picture, replace, richText, toast } from "../dom.js";
import { below, money } from "../money.js";
import { shop } from "../shop.js";

const MONEY = "amount currencyCode";
const PRODUCT = `query Product($slug: String!) {
  product(slug: $slug) {
    id name slug descriptionHtml
    media { url alt }
    category { name slug ancestors { name slug } }
    attributes { attribute { name slug kind unit } choices { name } text number boolean }
    variants {
      id sku name inStock quantityAvailable purchaseLimit
      price { ${MONEY} } salePrice { ${MONEY} } compareAtPrice { ${MONEY} }
      attributes { attribute { name slug kind } choices { name slug color } }
    }
  }
}`;
// Reviews are read on their own, so a server without them (an older schema) still shows the
// product: a document naming unknown fields fails validation, and the section stays hidden.
const RATING = `query ProductRating($slug: String!) { product(slug: $slug) { rating { average count } } }`;
const REVIEWS = `query ProductReviews($slug: String!) {
  product(slug: $slug) { reviews(first: 5) { nodes { rating title body authorName createdAt } } }
}`;

export async function renderProduct(main, slug) {
  const { product } = await gql(PRODUCT, { slug });
  if (!product) {
    replace(main, pageTitle("Product not found", shop.name), errorBox("This product is not sold here (any more)."), h("p", {}, h("a", { href: "#/" }, "Back to the shop")));
    return;
  }
  const reviews = h("section", { class: "reviews", "aria-labelledby": "reviews-title", hidden: true });
  replace(
    main,
    crumbs(product),
    h(
      "article",
      { class: "product" },
      gallery(product),
      h(
        "div",
        { class: "product-info" },
        pageTitle(product.name, shop.name),
        h("p", { class: "rating-line", id: "rating-line", hidden: true }),
        buyBox(product),
        richText(product.descriptionHtml),
        specs(product),
      ),
    ),
    reviews,
  );
  loadReviews(slug, reviews, main.querySelector("#rating-line"));
}

function crumbs(product) {
  const trail = product.category ? [...product.category.ancestors, product.category] : [];
  return h(
    "nav",
    { class: "crumbs", "aria-label": "Breadcrumb" },
    h("ol", {}, h("li", {}, h("a", { href: "#/" }, "Home")), trail.map((category) => h("li", {}, h("a", { href: `#/category/${encodeURIComponent(category.slug)}` }, category.name))), h("li", { "aria-current": "page" }, product.name)),
  );
}

function gallery(product) {
  const media = product.media.length ? product.media : [null];
  const main = h("div", { class: "gallery-main" }, picture(media[0], product.name, "large"));
  const thumbs = media.length > 1
    ? h(
        "ul",
        { class: "thumbs", "aria-label": "More pictures" },
        media.map((item, index) =>
          h(
            "li",
            {},
            h(
              "button",
              { type: "button", "aria-label": `Show picture ${index + 1}: ${item.alt || product.name}`, onclick: () => replace(main, picture(item, product.name, "large")) },
              picture(item, product.name, "thumb"),
            ),
          ),
        ),
      )
    : null;
  return h("div", { class: "gallery" }, main, thumbs);
}

// The attributes the variants differ by, each with its choices in first-seen order.
function optionGroups(variants) {
  const groups = new Map();
  for (const variant of variants) {
    for (const selected of variant.attributes) {
      if (!selected.choices.length) continue;
      const { slug } = selected.attribute;
      if (!groups.has(slug)) groups.set(slug, { attribute: selected.attribute, choices: new Map() });
      for (const choice of selected.choices) groups.get(slug).choices.set(choice.slug, choice);
    }
  }
  return [...groups.values()].filter((group) => group.choices.size > 1 || variants.length === 1);
}

function choiceOf(variant, slug) {
  return variant.attributes.find((selected) => selected.attribute.slug === slug)?.choices[0]?.slug;
}

function buyBox(product) {
  const variants = product.variants.filter((variant) => variant.price);
  if (!variants.length) return h("p", { class: "muted" }, "Not for sale at the moment.");
  const groups = optionGroups(variants);
  let current = variants.find((variant) => variant.inStock !== false) ?? variants[0];
  const price = h("p", { class: "price", "aria-live": "polite" });
  const stock = h("p", { class: "stock", "aria-live": "polite" });
  const quantity = h("input", { type: "number", id: "quantity", name: "quantity", min: 1, value: "1", inputmode: "numeric", required: true });
  const button = h("button", { type: "submit", class: "button", id: "add-to-cart" }, "Add to cart");
  const message = h("div", { "aria-live": "polite" });
  const selects = h("div", { class: "options" });

  const matching = (wanted) => variants.find((variant) => groups.every((group) => choiceOf(variant, group.attribute.slug) === wanted[group.attribute.slug]));
  const show = () => {
    replace(
      price,
      below(current.salePrice, current.price)
        ? [h("span", { class: "sale" }, money(current.salePrice)), " ", h("s", { "aria-label": `was ${money(current.price)}` }, money(current.price))]
        : below(current.price, current.compareAtPrice)
          ? [money(current.price), " ", h("s", { "aria-label": `was ${money(current.compareAtPrice)}` }, money(current.compareAtPrice))]
          : money(current.price),
    );
    const left = current.quantityAvailable;
    stock.className = `stock ${current.inStock === false ? "out" : "in"}`;
    stock.textContent = current.inStock === false ? "Sold out" : typeof left === "number" && left <= 5 ? `Only ${left} left` : "In stock";
    button.disabled = current.inStock === false;
    quantity.max = Math.min(...[left, current.purchaseLimit].filter((limit) => typeof limit === "number" && limit > 0), 99);
    for (const group of groups) {
      for (const input of selects.querySelectorAll(`input[name="opt-${group.attribute.slug}"]`)) {
        input.checked = input.value === choiceOf(current, group.attribute.slug);
        const wanted = Object.fromEntries(groups.map((other) => [other.attribute.slug, choiceOf(current, other.attribute.slug)]));
        wanted[group.attribute.slug] = input.value;
        const candidate = matching(wanted);
        input.closest(".option").classList.toggle("unavailable", !candidate || candidate.inStock === false);
      }
      const label = selects.querySelector(`[data-chosen="${group.attribute.slug}"]`);
      if (label) label.textContent = group.choices.get(choiceOf(current, group.attribute.slug))?.name ?? "";
    }
  };

  for (const group of groups) {
    const slug = group.attribute.slug;
    selects.append(
      h(
        "fieldset",
        { class: "option-group" },
        h("legend", {}, `${group.attribute.name}: `, h("span", { "data-chosen": slug })),
        h(
          "div",
          { class: group.attribute.kind === "SWATCH" ? "option-list swatches" : "option-list" },
          [...group.choices.values()].map((choice) => {
            const id = `opt-${slug}-${choice.slug}`;
            const input = h("input", { type: "radio", class: "visually-hidden", id, name: `opt-${slug}`, value: choice.slug });
            input.addEventListener("change", () => {
              const wanted = Object.fromEntries(groups.map((other) => [other.attribute.slug, choiceOf(current, other.attribute.slug)]));
              wanted[slug] = choice.slug;
              current = matching(wanted) ?? variants.find((variant) => choiceOf(variant, slug) === choice.slug) ?? current;
              show();
            });
            return h(
              "span",
              { class: "option" },
              input,
              h("label", { for: id }, choice.color ? h("span", { class: "dot", style: { backgroundColor: choice.color }, "aria-hidden": "true" }) : null, choice.name),
            );
          }),
        ),
      ),
    );
  }
  if (!groups.length && variants.length > 1) {
    const select = h("select", { id: "variant" }, variants.map((variant) => h("option", { value: variant.id }, variant.name || variant.sku)));
    select.addEventListener("change", () => {
      current = variants.find((variant) => variant.id === select.value);
      show();
    });
    selects.append(field("Option", select));
  }

  const form = h(
    "form",
    { class: "buy", "aria-label": "Add to cart" },
    price,
    selects,
    stock,
    h("div", { class: "buy-row" }, field("Quantity", quantity), button),
    message,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    button.disabled = true;
    replace(message);
    try {
      const thumbnail = product.media[0] ?? null;
      await addToCart(current.id, Number(quantity.value) || 1, { name: product.name, slug: product.slug, image: thumbnail });
      replace(message, h("p", { class: "ok" }, "Added to your cart. ", h("a", { href: "#/cart" }, "View cart")));
      toast(`${product.name} added to your cart`);
    } catch (error) {
      if (!(error instanceof CartError || error instanceof ApiError)) throw error;
      replace(message, errorBox(error.message));
    } finally {
      button.disabled = current.inStock === false;
    }
  });
  show();
  return form;
}

function specs(product) {
  const rows = product.attributes
    .map((selected) => {
      const value = selected.choices.length
        ? selected.choices.map((choice) => choice.name).join(", ")
        : selected.boolean !== null && selected.boolean !== undefined
          ? selected.boolean ? "Yes" : "No"
          : selected.number !== null && selected.number !== undefined
            ? `${selected.number}${selected.attribute.unit ? ` ${selected.attribute.unit}` : ""}`
            : selected.text;
      return value ? [selected.attribute.name, value] : null;
    })
    .filter(Boolean);
  if (!rows.length) return null;
  return h("section", { class: "specs", "aria-labelledby": "specs-title" }, h("h2", { id: "specs-title" }, "Details"), h("dl", {}, rows.map(([name, value]) => [h("dt", {}, name), h("dd", {}, value)])));
}

async function optional(document, variables) {
  try {
    return await gql(document, variables, { probe: true });
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    // An API without these fields refuses the document: the section is simply left out (and
    // so it is, quietly, when reviews fail for another reason: the product page still works).
    if (!error.invalidDocument) console.warn("reviews unavailable:", error.message);
    return null;
  }
}

function stars(rating) {
  const rounded = Math.round(Number(rating));
  return h("span", { class: "stars", "aria-hidden": "true" }, "★".repeat(rounded) + "☆".repeat(Math.max(0, 5 - rounded)));
}

async function loadReviews(slug, section, line) {
  const [rated, reviewed] = await Promise.all([optional(RATING, { slug }), optional(REVIEWS, { slug })]);
  const rating = rated?.product?.rating;
  if (line && rating && rating.count > 0) {
    const average = Number(rating.average).toFixed(1);
    replace(line, stars(average), ` ${average} out of 5 · `, h("a", { href: "#reviews-title", onclick: (event) => { event.preventDefault(); section.scrollIntoView(); } }, `${rating.count} ${rating.count === 1 ? "review" : "reviews"}`));
    line.hidden = false;
  }
  const nodes = reviewed?.product?.reviews?.nodes;
  if (!nodes) return; // no reviews in this API: the section stays hidden
  replace(
    section,
    h("h2", { id: "reviews-title", tabindex: "-1" }, "Reviews"),
    nodes.length
      ? h(
          "ul",
          { class: "review-list" },
          nodes.map((review) =>
            h(
              "li",
              { class: "review" },
              h("p", { class: "review-head" }, stars(review.rating), h("span", { class: "visually-hidden" }, `${review.rating} out of 5`), " ", h("strong", {}, review.title ?? "")),
              review.body ? h("p", {}, review.body) : null,
              h("p", { class: "muted" }, `${review.authorName ?? "A customer"}${review.createdAt ? `, ${new Date(review.createdAt).toLocaleDateString()}` : ""}`),
            ),
          ),
        )
      : h("p", { class: "muted" }, "No reviews yet."),
  );
  section.hidden = false;
}
