// The cart: lines with quantity controls, totals as the server computes them.
import { ApiError } from "../api.js";
import { CartError, lineInfo, loadCart, removeLine, setQuantity, variantLabel } from "../cart.js";
import { pageTitle } from "../components.js";
import { errorBox, h, picture, replace } from "../dom.js";
import { isZero, money } from "../money.js";
import { shop } from "../shop.js";

export async function renderCart(main) {
  const cart = await loadCart();
  draw(main, cart, null);
}

function draw(main, cart, problem) {
  if (!cart || cart.lines.length === 0) {
    replace(main, pageTitle("Your cart", shop.name), h("p", { class: "empty" }, "Your cart is empty."), h("a", { class: "button", href: "#/" }, "Continue shopping"));
    return;
  }
  const act = async (action) => {
    try {
      draw(main, await action(), null);
    } catch (error) {
      if (!(error instanceof CartError || error instanceof ApiError)) throw error;
      draw(main, cart, error.message);
    }
  };
  replace(
    main,
    pageTitle("Your cart", shop.name),
    problem ? errorBox(problem) : null,
    h(
      "div",
      { class: "cart-layout" },
      h("ul", { class: "cart-lines", "aria-label": "Items in your cart" }, cart.lines.map((line) => cartLine(line, act))),
      summary(cart, h("a", { class: "button wide", href: "#/checkout", id: "checkout-link" }, "Check out")),
    ),
  );
}

export function lineTitle(line) {
  const info = lineInfo(line.variant?.id);
  return { info, name: info?.name ?? line.variant?.name ?? line.variant?.sku ?? "Item", detail: variantLabel(line.variant) };
}

function cartLine(line, act) {
  const { info, name, detail } = lineTitle(line);
  const variantId = line.variant.id;
  const id = `qty-${variantId.replace(/[^A-Za-z0-9]/g, "")}`;
  const quantity = h("input", { type: "number", id, min: 1, max: 99, value: String(line.quantity), inputmode: "numeric" });
  quantity.addEventListener("change", () => {
    const value = Number(quantity.value);
    if (value >= 1) act(() => setQuantity(variantId, value));
  });
  return h(
    "li",
    { class: "cart-line" },
    picture(info?.image ?? null, name, "line-picture"),
    h(
      "div",
      { class: "line-body" },
      h("h2", { class: "line-title" }, info?.slug ? h("a", { href: `#/product/${encodeURIComponent(info.slug)}` }, name) : name),
      detail ? h("p", { class: "muted" }, detail) : null,
      h("p", { class: "muted small" }, `SKU ${line.variant.sku}`),
      line.problem ? errorBox(line.problem.message) : null,
      h(
        "div",
        { class: "line-actions" },
        h("label", { for: id }, "Quantity"),
        quantity,
        h("button", { type: "button", class: "link", "aria-label": `Remove ${name} ${detail}`.trim(), onclick: () => act(() => removeLine(variantId)) }, "Remove"),
      ),
    ),
    h("p", { class: "line-total" }, money(line.subtotal), line.discount && !isZero(line.discount) ? [h("br"), h("small", { class: "sale" }, `−${money(line.discount)}`)] : null),
  );
}

export function summary(cart, action) {
  const cost = cart.cost;
  const row = (label, value, extra = {}) => [h("dt", extra, label), h("dd", extra, value)];
  return h(
    "aside",
    { class: "summary", "aria-label": "Order summary" },
    h("h2", {}, "Summary"),
    h(
      "dl",
      {},
      row("Subtotal", money(cost.subtotal)),
      isZero(cost.discount) ? null : row("Discount", `−${money(cost.discount)}`, { class: "sale" }),
      row("Shipping", cart.selectedDeliveryOption ? money(cost.shipping) : "Calculated at checkout"),
      cost.pricesIncludeTax ? row("Tax included", money(cost.tax)) : row("Tax", money(cost.tax)),
      row("Total", money(cost.total), { class: "total" }),
    ),
    action,
  );
}
