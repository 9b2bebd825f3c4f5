// Checkout on one page: contact and address, delivery, promo code, payment (the dummy
// gateway's test cards), then checkoutComplete with an idempotency key, so a retried click
// can never order twice.
import { ApiError, gql, userErrorText } from "../api.js";
import { CartError, chooseDelivery, forgetCart, loadCart, updateDetails } from "../cart.js";
import { pageTitle } from "../components.js";
import { errorBox, h, replace } from "../dom.js";
import { money } from "../money.js";
import { shop } from "../shop.js";
import { navigate } from "../router.js";
import { LAST_ORDER } from "./confirmation.js";
import { lineTitle, summary } from "./cart.js";

const COMPLETE = `mutation CheckoutComplete($cart: ID!, $key: String!, $payment: PaymentInput) {
  checkoutComplete(cartId: $cart, idempotencyKey: $key, payment: $payment) {
    order { number } orderToken userErrors { field message code }
  }
}`;
const CARDS = [
  ["tok_success", "Test card: approved", "Visa •••• 4242"],
  ["tok_decline", "Test card: declined", "Visa •••• 0002"],
  ["tok_pending", "Test card: needs confirmation", "Visa •••• 3155"],
];
const COUNTRIES = [
  ["US", "United States"],
  ["CA", "Canada"],
  ["NL", "Netherlands"],
  ["BE", "Belgium"],
  ["DE", "Germany"],
  ["FR", "France"],
  ["GB", "United Kingdom"],
];
const ADDRESS_FIELDS = [
  ["firstName", "First name", "given-name", true],
  ["lastName", "Last name", "family-name", true],
  ["streetLine1", "Street address", "address-line1", true],
  ["streetLine2", "Apartment, suite (optional)", "address-line2", false],
  ["city", "City", "address-level2", true],
  ["region", "State or province", "address-level1", false],
  ["postalCode", "ZIP or postal code", "postal-code", true],
  ["phone", "Phone (optional)", "tel", false],
];

export async function renderCheckout(main) {
  const cart = await loadCart();
  if (!cart || !cart.lines.length) {
    replace(main, pageTitle("Checkout", shop.name), h("p", { class: "empty" }, "Your cart is empty."), h("a", { class: "button", href: "#/" }, "Continue shopping"));
    return;
  }
  // `message`: the last refusal, shown in the step it came from (`step`).
  const state = { cart, errors: [], card: "tok_success", message: null, step: null };
  draw(main, state);
}

function draw(main, state) {
  const { cart } = state;
  const invalid = new Set(state.errors.map((error) => (error.field ?? []).join(".")));
  replace(
    main,
    pageTitle("Checkout", shop.name),
    h(
      "div",
      { class: "checkout-layout" },
      h("div", { class: "checkout-steps" }, addressStep(main, state, invalid), deliveryStep(main, state), promoStep(main, state), paymentStep(main, state)),
      h("div", {}, linesSummary(cart), summary(cart, null)),
    ),
  );
}

async function run(main, state, step, action) {
  try {
    state.cart = await action();
    state.errors = [];
    state.message = null;
  } catch (error) {
    if (!(error instanceof CartError || error instanceof ApiError)) throw error;
    state.message = error.message;
    state.errors = error.errors ?? [];
    state.step = step;
  }
  draw(main, state);
  if (state.message) document.getElementById(`step-${step}`)?.scrollIntoView({ block: "start" });
}

function refusal(state, step) {
  return state.message && state.step === step ? errorBox(state.message) : null;
}

function addressStep(main, state, invalid) {
  const { cart } = state;
  const address = state.draft ?? cart.shippingAddress ?? {};
  const input = (name, label, autocomplete, required) => {
    const id = `ship-${name}`;
    return h(
      "div",
      { class: "field" },
      h("label", { for: id }, label),
      h("input", { id, name, autocomplete, required, value: address[name] ?? "", "aria-invalid": invalid.has(`shippingAddress.${name}`) ? "true" : null }),
    );
  };
  const country = address.country || shop.defaultCountry;
  const form = h(
    "form",
    { class: "step", "aria-labelledby": "step-address" },
    h("h2", { id: "step-address" }, "1. Contact and shipping address"),
    refusal(state, "address"),
    h("div", { class: "field" }, h("label", { for: "email" }, "Email"), h("input", { id: "email", name: "email", type: "email", autocomplete: "email", required: true, value: state.draft?.email ?? cart.email ?? "", "aria-invalid": invalid.has("email") ? "true" : null })),
    h("div", { class: "field-grid" }, ADDRESS_FIELDS.map(([name, label, autocomplete, required]) => input(name, label, autocomplete, required))),
    h("div", { class: "field" }, h("label", { for: "ship-country" }, "Country"), h("select", { id: "ship-country", name: "country", autocomplete: "country" }, COUNTRIES.map(([code, name]) => h("option", { value: code, selected: code === country }, name)))),
    h("button", { type: "submit", class: "button secondary", id: "save-address" }, cart.shippingAddress ? "Update address" : "Continue to delivery"),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(form));
    const { email, ...shippingAddress } = data;
    state.draft = data; // what was typed stays in the form if the API refuses it
    run(main, state, "address", async () => {
      const updated = await updateDetails({ email, shippingAddress });
      state.draft = null;
      return updated;
    });
  });
  return form;
}

function deliveryStep(main, state) {
  return h(
    "section",
    { class: "step", "aria-labelledby": "step-delivery" },
    h("h2", { id: "step-delivery" }, "2. Delivery"),
    refusal(state, "delivery"),
    deliveryChoice(main, state),
  );
}

function deliveryChoice(main, state) {
  const { cart } = state;
  const options = cart.deliveryOptions;
  if (!cart.requiresShipping) return h("p", { class: "muted" }, "Gift cards are sent by email once paid: nothing to deliver.");
  if (!cart.shippingAddress) return h("p", { class: "muted" }, "Enter your address to see the delivery options.");
  if (!options.length) return h("p", { class: "muted" }, "We do not deliver to this address yet.");
  return h(
    "fieldset",
    { class: "choices" },
    h("legend", { class: "visually-hidden" }, "Delivery method"),
    options.map((option, index) => {
      const id = `delivery-${index}`;
      const input = h("input", { type: "radio", id, name: "delivery", value: option.id, checked: cart.selectedDeliveryOption?.id === option.id });
      input.addEventListener("change", () => run(main, state, "delivery", () => chooseDelivery(option.id)));
      return h("div", { class: "choice" }, input, h("label", { for: id }, h("span", {}, option.name, option.pickupAddress ? h("small", { class: "muted" }, ` — ${option.pickupAddress}`) : null), h("span", {}, Number(option.price.amount) === 0 ? "Free" : money(option.price))));
    }),
  );
}

function promoStep(main, state) {
  const { cart } = state;
  const form = h(
    "form",
    { class: "step promo", "aria-labelledby": "step-promo" },
    h("h2", { id: "step-promo" }, "3. Promo code"),
    refusal(state, "promo"),
    h("div", { class: "inline" }, h("label", { for: "promo-code", class: "visually-hidden" }, "Promo code"), h("input", { id: "promo-code", name: "code", placeholder: "Promo code", autocomplete: "off" }), h("button", { type: "submit", class: "button secondary" }, "Apply")),
    cart.promoCodeStatuses.length
      ? h(
          "ul",
          { class: "plain codes" },
          cart.promoCodeStatuses.map((entry) =>
            h(
              "li",
              {},
              h("strong", {}, entry.code),
              ` — ${entry.status === "APPLIED" ? "applied" : entry.status.toLowerCase().replaceAll("_", " ")} `,
              h("button", { type: "button", class: "link", "aria-label": `Remove code ${entry.code}`, onclick: () => run(main, state, "promo", () => updateDetails({ promoCodes: cart.promoCodes.filter((code) => code !== entry.code) })) }, "Remove"),
            ),
          ),
        )
      : null,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const code = new FormData(form).get("code").trim();
    if (code) run(main, state, "promo", () => updateDetails({ promoCodes: [...cart.promoCodes, code] }));
  });
  return form;
}

function paymentStep(main, state) {
  const { cart } = state;
  const ready = cart.shippingAddress && (!cart.requiresShipping || cart.selectedDeliveryOption);
  const problems = cart.checkoutProblems ?? [];
  const button = h("button", { type: "submit", class: "button wide", id: "place-order", disabled: !ready }, `Pay ${money(cart.amountDue ?? cart.cost.total)}`);
  const form = h(
    "form",
    { class: "step", "aria-labelledby": "step-payment" },
    h("h2", { id: "step-payment" }, "4. Payment"),
    h("p", { class: "muted" }, "This shop uses a test payment gateway: pick how the test card should behave. No money is taken."),
    h(
      "fieldset",
      { class: "choices" },
      h("legend", { class: "visually-hidden" }, "Test card"),
      CARDS.map(([token, label, number]) => {
        const id = `card-${token}`;
        const input = h("input", { type: "radio", id, name: "card", value: token, checked: state.card === token });
        input.addEventListener("change", () => {
          state.card = token;
        });
        return h("div", { class: "choice" }, input, h("label", { for: id }, h("span", {}, label), h("span", { class: "muted" }, number)));
      }),
    ),
    refusal(state, "payment"),
    ready && problems.length ? errorBox(problems.map((problem) => problem.message).join(" ")) : null,
    button,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    button.disabled = true;
    button.textContent = "Placing your order…";
    const key = crypto.randomUUID();
    try {
      const data = await gql(COMPLETE, { cart: cart.id, key, payment: { gateway: "dummy", token: state.card } }, { asCustomer: true });
      const payload = data.checkoutComplete;
      const message = userErrorText(payload);
      if (message) {
        state.message = message;
        state.step = "payment";
        state.cart = (await loadCart()) ?? cart;
        draw(main, state);
        return;
      }
      sessionStorage.setItem(LAST_ORDER, payload.orderToken);
      forgetCart();
      navigate("/order");
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      state.message = error.message;
      state.step = "payment";
      draw(main, state);
    }
  });
  return form;
}

function linesSummary(cart) {
  return h(
    "ul",
    { class: "plain mini-lines", "aria-label": "Items" },
    cart.lines.map((line) => {
      const { name, detail } = lineTitle(line);
      return h("li", {}, h("span", {}, `${line.quantity} × ${name}`, detail ? h("small", { class: "muted" }, ` ${detail}`) : null), h("span", {}, money(line.subtotal)));
    }),
  );
}
