// The visitor's cart: its id in localStorage (a guest's key to it), every change a mutation,
// every total from the server (a client never sends a price). Line pictures and product names
// are remembered locally when a variant is added, since a cart line names only its variant.
import { ApiError, gql, userErrorText } from "./api.js";
import { session } from "./session.js";

const CART_ID = "agora.cartId";
const LINE_INFO = "agora.lineInfo";

const MONEY = "amount currencyCode";
export const CART_FIELDS = `
  id status email currency totalQuantity promoCodes
  lines {
    quantity
    variant { id sku name inStock attributes { attribute { name } choices { name } } }
    unitPrice { ${MONEY} } subtotal { ${MONEY} } discount { ${MONEY} } total { ${MONEY} }
    problem { message code }
  }
  promoCodeStatuses { code status }
  cost { subtotal { ${MONEY} } discount { ${MONEY} } shipping { ${MONEY} } tax { ${MONEY} } total { ${MONEY} } pricesIncludeTax }
  amountDue { ${MONEY} }
  shippingAddress { firstName lastName streetLine1 streetLine2 city region postalCode country phone }
  requiresShipping
  deliveryOptions { id name kind price { ${MONEY} } pickupAddress }
  selectedDeliveryOption { id }
  checkoutProblems { field message code }
`;

const PAYLOAD = `cart { ${CART_FIELDS} } userErrors { field message code }`;
const CART = `query Cart($id: ID!) { cart(id: $id) { ${CART_FIELDS} } }`;
const CREATE = `mutation CartCreate($input: CartCreateInput!) { cartCreate(input: $input) { ${PAYLOAD} } }`;
const ADD = `mutation CartLinesAdd($id: ID!, $lines: [CartLineInput!]!) { cartLinesAdd(cartId: $id, lines: $lines) { ${PAYLOAD} } }`;
const UPDATE = `mutation CartLinesUpdate($id: ID!, $lines: [CartLineInput!]!) { cartLinesUpdate(cartId: $id, lines: $lines) { ${PAYLOAD} } }`;
const REMOVE = `mutation CartLinesRemove($id: ID!, $variants: [ID!]!) { cartLinesRemove(cartId: $id, variantIds: $variants) { ${PAYLOAD} } }`;
const DETAILS = `mutation CartUpdate($id: ID!, $input: CartDetailsInput!) { cartUpdate(cartId: $id, input: $input) { ${PAYLOAD} } }`;
const DELIVERY = `mutation CartDeliveryOptionSet($id: ID!, $option: ID!) { cartDeliveryOptionSet(cartId: $id, deliveryOptionId: $option) { ${PAYLOAD} } }`;
const MERGE = `mutation CartMerge($id: ID!) { cartMerge(cartId: $id) { ${PAYLOAD} } }`;

// A refusal the shopper can fix; `errors` are the API's userErrors ({field, message, code}).
export class CartError extends Error {
  constructor(message, errors = []) {
    super(message);
    this.errors = errors;
  }
}

function announce(cart) {
  window.dispatchEvent(new CustomEvent("cart:changed", { detail: cart }));
}

export function cartId() {
  return localStorage.getItem(CART_ID);
}

export function forgetCart() {
  localStorage.removeItem(CART_ID);
  announce(null);
}

function keep(cart) {
  if (cart && cart.status === "OPEN") localStorage.setItem(CART_ID, cart.id);
  else localStorage.removeItem(CART_ID);
  announce(cart);
  return cart;
}

export async function loadCart() {
  const id = cartId();
  if (!id) return keep(null);
  const data = await gql(CART, { id }, { asCustomer: true });
  return keep(data.cart?.status === "OPEN" ? data.cart : null);
}

async function change(document, variables) {
  const data = await gql(document, variables, { asCustomer: true });
  const payload = Object.values(data)[0];
  const message = userErrorText(payload);
  if (message) throw new CartError(message, payload.userErrors);
  return keep(payload.cart);
}

export async function addToCart(variantId, quantity, info) {
  rememberLine(variantId, info);
  const id = cartId();
  if (id) {
    try {
      return await change(ADD, { id, lines: [{ variantId, quantity }] });
    } catch (error) {
      // A cart completed or merged elsewhere is gone: start a new one below.
      if ((await loadCart()) !== null) throw error;
    }
  }
  return change(CREATE, { input: { lines: [{ variantId, quantity }] } });
}

export const setQuantity = (variantId, quantity) =>
  change(UPDATE, { id: cartId(), lines: [{ variantId, quantity }] });
export const removeLine = (variantId) => change(REMOVE, { id: cartId(), variants: [variantId] });
export const updateDetails = (input) => change(DETAILS, { id: cartId(), input });
export const chooseDelivery = (option) => change(DELIVERY, { id: cartId(), option });

// After signing in, the guest cart joins the customer's own open cart.
export async function mergeAfterSignIn() {
  const id = cartId();
  if (!id || !session.signedIn) return loadCart();
  try {
    return await change(MERGE, { id });
  } catch (error) {
    if (error instanceof CartError || error instanceof ApiError) return keep(null);
    throw error;
  }
}

function rememberLine(variantId, info) {
  if (!info) return;
  const all = lineInfos();
  all[variantId] = info;
  const ids = Object.keys(all);
  for (const old of ids.slice(0, Math.max(0, ids.length - 100))) delete all[old];
  localStorage.setItem(LINE_INFO, JSON.stringify(all));
}

function lineInfos() {
  try {
    return JSON.parse(localStorage.getItem(LINE_INFO)) ?? {};
  } catch {
    return {};
  }
}

export function lineInfo(variantId) {
  return lineInfos()[variantId] ?? null;
}

export function variantLabel(variant) {
  const choices = (variant?.attributes ?? []).flatMap((attribute) => attribute.choices.map((choice) => choice.name));
  return choices.length ? choices.join(" / ") : variant?.name || variant?.sku || "";
}
