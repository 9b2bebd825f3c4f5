import { gql } from "../api.js";
import { CARD_FIELDS, productGrid } from "../components.js";
import { h, replace, richText } from "../dom.js";
import { shop } from "../shop.js";

const HOME = `query Home {
  collections(first: 3) {
    nodes { id name slug descriptionHtml products(first: 8) { nodes { ${CARD_FIELDS} } } }
  }
}`;

export async function renderHome(main) {
  const data = await gql(HOME);
  const [featured, ...others] = data.collections.nodes;
  document.title = shop.name;
  const roots = shop.categories.filter((category) => !category.parent);
  replace(
    main,
    h(
      "section",
      { class: "hero", "aria-labelledby": "hero-title" },
      h("h1", { id: "hero-title", tabindex: "-1" }, shop.name),
      h("p", {}, "Well-made clothes, shoes and bags for every day and every trail."),
      featured ? h("a", { class: "button", href: `#/collection/${encodeURIComponent(featured.slug)}` }, `Shop ${featured.name.toLowerCase()}`) : null,
    ),
    featured
      ? h(
          "section",
          { class: "featured", "aria-labelledby": "featured-title" },
          h("div", { class: "section-head" }, h("h2", { id: "featured-title" }, featured.name), h("a", { href: `#/collection/${encodeURIComponent(featured.slug)}` }, "See all")),
          richText(featured.descriptionHtml, "rich-text muted"),
          productGrid(featured.products.nodes, featured.name),
        )
      : null,
    h(
      "section",
      { "aria-labelledby": "categories-title" },
      h("h2", { id: "categories-title" }, "Shop by category"),
      h("ul", { class: "tiles" }, roots.map((category) => h("li", {}, h("a", { class: "tile", href: `#/category/${encodeURIComponent(category.slug)}` }, category.name)))),
    ),
    others.length
      ? h(
          "section",
          { "aria-labelledby": "more-title" },
          h("h2", { id: "more-title" }, "More collections"),
          h("ul", { class: "tiles" }, others.map((collection) => h("li", {}, h("a", { class: "tile alt", href: `#/collection/${encodeURIComponent(collection.slug)}` }, collection.name)))),
        )
      : null,
  );
}
