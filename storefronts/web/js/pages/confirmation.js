// The order confirmation: the order as the API stored it, read with the guest's order token.
import { gql } from "../api.js";
import { pageTitle } from "../components.js";
import { errorBox, h, replace } from "../dom.js";
import { money } from "../money.js";
import { shop } from "../shop.js";

export const LAST_ORDER = "agora.lastOrder";
const MONEY = "amount currencyCode";
const ORDER = `query Order($token: String!) {
  orderByToken(token: $token) {
    number status email createdAt paidAt
    subtotal { ${MONEY} } discount { ${MONEY} } shipping { ${MONEY} } tax { ${MONEY} } total { ${MONEY} }
    shippingAddress { firstName lastName streetLine1 streetLine2 city region postalCode country }
    delivery { name kind pickupAddress }
    lines { productName variantName sku quantity subtotal { ${MONEY} } }
  }
}`;

export async function renderConfirmation(main) {
  const token = sessionStorage.getItem(LAST_ORDER);
  const order = token ? (await gql(ORDER, { token })).orderByToken : null;
  if (!order) {
    replace(main, pageTitle("Order", shop.name), errorBox("No recent order in this browser tab."), h("a", { href: "#/" }, "Back to the shop"));
    return;
  }
  const address = order.shippingAddress;
  replace(
    main,
    h(
      "section",
      { class: "confirmation" },
      pageTitle("Thank you for your order", shop.name),
      h("p", { class: "order-number" }, "Order number ", h("strong", { id: "order-number" }, `#${order.number}`)),
      h("p", {}, `A confirmation goes to ${order.email}. `, order.paidAt ? "Your payment was received." : "Your payment is being processed; we will let you know when it is confirmed."),
      h(
        "div",
        { class: "confirmation-grid" },
        h("section", {}, h("h2", {}, "Items"), h("ul", { class: "plain" }, order.lines.map((line) => h("li", {}, `${line.quantity} × ${line.productName}${line.variantName ? ` (${line.variantName})` : ""}`, h("span", { class: "right" }, money(line.subtotal)))))),
        h(
          "section",
          {},
          h("h2", {}, "Delivery"),
          h("p", {}, order.delivery.name),
          address ? h("address", {}, `${address.firstName} ${address.lastName}`, h("br"), address.streetLine1, address.streetLine2 ? [h("br"), address.streetLine2] : null, h("br"), `${address.city}, ${address.region} ${address.postalCode}`, h("br"), address.country) : order.delivery.pickupAddress,
        ),
        h(
          "section",
          {},
          h("h2", {}, "Paid"),
          h("dl", { class: "totals" }, h("dt", {}, "Subtotal"), h("dd", {}, money(order.subtotal)), Number(order.discount.amount) ? [h("dt", {}, "Discount"), h("dd", {}, `−${money(order.discount)}`)] : null, h("dt", {}, "Shipping"), h("dd", {}, money(order.shipping)), h("dt", {}, "Tax"), h("dd", {}, money(order.tax)), h("dt", { class: "total" }, "Total"), h("dd", { class: "total" }, money(order.total))),
        ),
      ),
      h("a", { class: "button", href: "#/" }, "Continue shopping"),
    ),
  );
}
