// Category, collection and search results with facets: filters live in the URL's query
// (a.<attribute>=choice,choice  b.<attribute>=true  price=min-max  stock=1  sort=PRICE_ASC),
// so a filtered page can be bookmarked, shared and reloaded.
import { gql } from "../api.js";
import { CARD_FIELDS, pageTitle, productCard } from "../components.js";
import { errorBox, h, replace, richText } from "../dom.js";
import { money } from "../money.js";
import { shop } from "../shop.js";

const PAGE_SIZE = 24;
const MONEY = "amount currencyCode";
const LISTING = `query Listing($first: Int!, $after: String, $search: String, $filter: ProductFilter, $sort: ProductSort) {
  products(first: $first, after: $after, search: $search, filter: $filter, sortBy: $sort) {
    nodes { ${CARD_FIELDS} }
    pageInfo { hasNextPage endCursor }
  }
}`;
const FACETS = `query Facets($search: String, $filter: ProductFilter) {
  productFacets(search: $search, filter: $filter) {
    total
    attributes { attribute { slug name kind } values { choice { slug name color } boolean count } }
    categories { category { id slug name } count }
    prices { start { ${MONEY} } stop { ${MONEY} } count }
  }
}`;
const CATEGORY = `query Category($slug: String!) {
  category(slug: $slug) { id name slug description ancestors { name slug } children { name slug } }
}`;
const COLLECTION = `query Collection($slug: String!) { collection(slug: $slug) { id name slug descriptionHtml } }`;

const SORTS = {
  RELEVANCE: ["Best match", { field: "RELEVANCE" }],
  COLLECTION: ["Featured", { field: "COLLECTION" }],
  CREATED_DESC: ["Newest", { field: "CREATED", direction: "DESC" }],
  PRICE_ASC: ["Price: low to high", { field: "PRICE", direction: "ASC" }],
  PRICE_DESC: ["Price: high to low", { field: "PRICE", direction: "DESC" }],
  NAME: ["Name", { field: "NAME", direction: "ASC" }],
};

function filterFrom(query, base) {
  const filter = { ...base, inStock: query.get("stock") === "1" };
  const attributes = [];
  for (const [key, value] of query) {
    if (key.startsWith("a.") && value) attributes.push({ attribute: key.slice(2), choices: value.split(",") });
    if (key.startsWith("b.") && value) attributes.push({ attribute: key.slice(2), boolean: value === "true" });
  }
  if (attributes.length) filter.attributes = attributes;
  const [min, max] = (query.get("price") ?? "").split("-");
  if (min) filter.priceMin = min;
  if (max) filter.priceMax = max;
  if (query.get("category")) filter.categoryId = query.get("category");
  return filter;
}

function sortOptions(kind) {
  return Object.keys(SORTS).filter((key) => (key === "RELEVANCE" ? kind === "search" : key === "COLLECTION" ? kind === "collection" : true));
}

async function heading(source, query) {
  if (source.kind === "search") {
    const q = query.get("q") ?? "";
    return { title: q ? `Results for “${q}”` : "All products", base: {} };
  }
  if (source.kind === "category") {
    const { category } = await gql(CATEGORY, { slug: source.slug });
    if (!category) return null;
    return { title: category.name, base: { categoryId: category.id }, category };
  }
  const { collection } = await gql(COLLECTION, { slug: source.slug });
  if (!collection) return null;
  return { title: collection.name, base: { collectionId: collection.id }, collection };
}

export async function renderListing(main, source, query) {
  const head = await heading(source, query);
  if (!head) {
    replace(main, pageTitle("Not found", shop.name), errorBox("This page does not exist (any more)."));
    return;
  }
  const search = source.kind === "search" ? query.get("q") || null : null;
  const filter = filterFrom(query, head.base);
  const sortKey = sortOptions(source.kind).includes(query.get("sort")) ? query.get("sort") : sortOptions(source.kind)[0];
  const variables = { search, filter, sort: SORTS[sortKey][1] };
  const [listing, facets] = await Promise.all([
    gql(LISTING, { ...variables, first: PAGE_SIZE }),
    gql(FACETS, { search, filter }),
  ]);
  const total = facets.productFacets.total;
  const grid = h("ul", { class: "grid", "aria-label": "Products" }, listing.products.nodes.map(productCard));
  const more = moreButton(listing.products.pageInfo, grid, variables);
  replace(
    main,
    crumbs(head),
    h("div", { class: "listing-head" }, pageTitle(head.title, shop.name), h("p", { class: "muted", id: "result-count" }, `${total} ${total === 1 ? "product" : "products"}`)),
    head.category?.description ? h("p", { class: "muted" }, head.category.description) : null,
    head.collection ? richText(head.collection.descriptionHtml, "rich-text muted") : null,
    head.category?.children.length
      ? h("ul", { class: "chips", "aria-label": "Subcategories" }, head.category.children.map((child) => h("li", {}, h("a", { class: "chip", href: `#/category/${encodeURIComponent(child.slug)}` }, child.name))))
      : null,
    h(
      "div",
      { class: "listing" },
      filtersForm(source, query, facets.productFacets, sortKey),
      h("section", { class: "results", "aria-labelledby": "result-count" }, total ? grid : h("p", { class: "empty" }, "Nothing matches these filters. Try removing one."), more),
    ),
  );
}

function crumbs(head) {
  if (!head.category) return null;
  const trail = [...head.category.ancestors];
  return h(
    "nav",
    { class: "crumbs", "aria-label": "Breadcrumb" },
    h("ol", {}, h("li", {}, h("a", { href: "#/" }, "Home")), trail.map((category) => h("li", {}, h("a", { href: `#/category/${encodeURIComponent(category.slug)}` }, category.name))), h("li", { "aria-current": "page" }, head.category.name)),
  );
}

function moreButton(pageInfo, grid, variables) {
  if (!pageInfo.hasNextPage) return null;
  let cursor = pageInfo.endCursor;
  const button = h("button", { type: "button", class: "button secondary more", id: "load-more" }, "Show more");
  button.addEventListener("click", async () => {
    button.disabled = true;
    button.textContent = "Loading…";
    const data = await gql(LISTING, { ...variables, first: PAGE_SIZE, after: cursor });
    grid.append(...data.products.nodes.map(productCard));
    cursor = data.products.pageInfo.endCursor;
    button.disabled = false;
    button.textContent = "Show more";
    if (!data.products.pageInfo.hasNextPage) button.remove();
  });
  return button;
}

function filtersForm(source, query, facets, sortKey) {
  const form = h("form", { class: "filters", "aria-label": "Filters" });
  const apply = () => {
    const next = new URLSearchParams();
    if (query.get("q")) next.set("q", query.get("q"));
    const data = new FormData(form);
    const choices = {};
    for (const [key, value] of data) {
      if (key.startsWith("a.")) (choices[key] ??= []).push(value);
      else if (value) next.set(key, value);
    }
    for (const [key, values] of Object.entries(choices)) next.set(key, values.join(","));
    const path = location.hash.slice(1).split("?")[0];
    location.replace(`#${path}?${next}`);
  };
  form.addEventListener("change", apply);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    apply();
  });
  const sort = h(
    "select",
    { id: "sort", name: "sort" },
    sortOptions(source.kind).map((key) => h("option", { value: key, selected: key === sortKey }, SORTS[key][0])),
  );
  const groups = [
    h("div", { class: "field" }, h("label", { for: "sort" }, "Sort by"), sort),
    h("div", { class: "check" }, h("input", { type: "checkbox", id: "f-stock", name: "stock", value: "1", checked: query.get("stock") === "1" }), h("label", { for: "f-stock" }, "In stock only")),
  ];
  if (source.kind !== "category" && facets.categories.length) groups.push(categoryFacet(facets.categories, query));
  for (const facet of facets.attributes) {
    const group = attributeFacet(facet, query);
    if (group) groups.push(group);
  }
  if (facets.prices.length) groups.push(priceFacet(facets.prices, query));
  const active = [...query.keys()].some((key) => key !== "q" && key !== "sort");
  return append(
    form,
    h("details", { class: "filter-panel", open: window.matchMedia("(min-width: 60rem)").matches || active },
      h("summary", {}, "Filter and sort"),
      groups,
      h("noscript", {}, h("button", { type: "submit" }, "Apply")),
      active ? h("p", {}, h("a", { href: `#${location.hash.slice(1).split("?")[0]}${query.get("q") ? `?q=${encodeURIComponent(query.get("q"))}` : ""}` }, "Clear all filters")) : null,
    ),
  );
}

function append(parent, child) {
  parent.append(child);
  return parent;
}

function attributeFacet(facet, query) {
  const { attribute, values } = facet;
  if (attribute.kind === "BOOLEAN") {
    const chosen = query.get(`b.${attribute.slug}`) ?? "";
    const yes = values.find((value) => value.boolean === true);
    if (!yes && !chosen) return null;
    const id = `f-b-${attribute.slug}`;
    return h(
      "div",
      { class: "check" },
      h("input", { type: "checkbox", id, name: `b.${attribute.slug}`, value: "true", checked: chosen === "true" }),
      h("label", { for: id }, attribute.name, yes ? h("span", { class: "count" }, ` (${yes.count})`) : null),
    );
  }
  const chosen = new Set((query.get(`a.${attribute.slug}`) ?? "").split(",").filter(Boolean));
  const shown = values.filter((value) => value.choice);
  for (const slug of chosen) {
    if (!shown.some((value) => value.choice.slug === slug)) shown.push({ choice: { slug, name: slug }, count: 0 });
  }
  if (!shown.length) return null;
  return h(
    "fieldset",
    { class: "facet" },
    h("legend", {}, attribute.name),
    h(
      "ul",
      { class: attribute.kind === "SWATCH" ? "facet-values swatches" : "facet-values" },
      shown.map(({ choice, count }) => {
        const id = `f-a-${attribute.slug}-${choice.slug}`;
        return h(
          "li",
          { class: "check" },
          h("input", { type: "checkbox", id, name: `a.${attribute.slug}`, value: choice.slug, checked: chosen.has(choice.slug) }),
          h(
            "label",
            { for: id },
            choice.color ? h("span", { class: "dot", style: { backgroundColor: choice.color }, "aria-hidden": "true" }) : null,
            choice.name,
            h("span", { class: "count" }, ` (${count})`),
          ),
        );
      }),
    ),
  );
}

function categoryFacet(categories, query) {
  const chosen = query.get("category") ?? "";
  // The busiest ten (and the chosen one): a long flat list helps nobody.
  const busiest = [...categories].sort((a, b) => b.count - a.count).filter((entry, index) => index < 10 || entry.category.id === chosen);
  const options = [{ id: "", name: "All categories", count: null }, ...busiest.map(({ category, count }) => ({ ...category, count }))];
  return h(
    "fieldset",
    { class: "facet" },
    h("legend", {}, "Category"),
    h(
      "ul",
      { class: "facet-values" },
      options.map((option) => {
        const id = `f-cat-${option.slug ?? "all"}`;
        return h(
          "li",
          { class: "check" },
          h("input", { type: "radio", id, name: "category", value: option.id, checked: chosen === option.id }),
          h("label", { for: id }, option.name, option.count === null ? null : h("span", { class: "count" }, ` (${option.count})`)),
        );
      }),
    ),
  );
}

function priceFacet(prices, query) {
  const chosen = query.get("price") ?? "";
  const options = [{ value: "", label: "Any price" }, ...prices.map((bucket) => ({ value: `${bucket.start.amount}-${bucket.stop.amount}`, label: `${money(bucket.start)} – ${money(bucket.stop)}`, count: bucket.count }))];
  return h(
    "fieldset",
    { class: "facet" },
    h("legend", {}, "Price"),
    h(
      "ul",
      { class: "facet-values" },
      options.map((option, index) => {
        const id = `f-price-${index}`;
        return h(
          "li",
          { class: "check" },
          h("input", { type: "radio", id, name: "price", value: option.value, checked: chosen === option.value }),
          h("label", { for: id }, option.label, option.count === undefined ? null : h("span", { class: "count" }, ` (${option.count})`)),
        );
      }),
    ),
  );
}
