// Sign-in, registration and the customer's account with their order history.
import { ApiError, gql, userErrorText } from "../api.js";
import { forgetCart, mergeAfterSignIn } from "../cart.js";
import { pageTitle } from "../components.js";
import { errorBox, h, replace } from "../dom.js";
import { money } from "../money.js";
import { navigate } from "../router.js";
import { session } from "../session.js";
import { shop } from "../shop.js";

const LOGIN = `mutation CustomerLogin($email: String!, $password: String!) {
  customerLogin(email: $email, password: $password) {
    accessToken accessTokenExpiresAt refreshToken userErrors { field message code }
  }
}`;
const REGISTER = `mutation CustomerRegister($input: CustomerRegisterInput!) {
  customerRegister(input: $input) { ok userErrors { field message code } }
}`;
const LOGOUT = `mutation CustomerLogout { customerLogout { ok userErrors { code } } }`;
const ACCOUNT = `query Account {
  me {
    ... on Customer {
      email firstName lastName orderCount
      orders(first: 20) {
        nodes {
          number status createdAt paidAt
          total { amount currencyCode }
          lines { productName variantName quantity }
        }
      }
    }
  }
}`;

function input(id, label, attributes) {
  return h("div", { class: "field" }, h("label", { for: id }, label), h("input", { id, name: id, required: true, ...attributes }));
}

async function signIn(email, password) {
  const data = await gql(LOGIN, { email, password });
  const message = userErrorText(data.customerLogin);
  if (message) throw new ApiError([{ message }]);
  session.save(data.customerLogin);
  await mergeAfterSignIn();
}

function authForm(main, { title, fields, submit, alternative, action }) {
  const status = h("div", { "aria-live": "assertive" });
  const button = h("button", { type: "submit", class: "button wide" }, submit);
  const form = h("form", { class: "auth-form", "aria-labelledby": "auth-title" }, fields, status, button);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    button.disabled = true;
    replace(status);
    try {
      await action(Object.fromEntries(new FormData(form)));
      navigate("/account");
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      replace(status, errorBox(error.message));
      button.disabled = false;
    }
  });
  document.title = `${title} · ${shop.name}`;
  replace(main, h("section", { class: "auth" }, h("h1", { id: "auth-title", tabindex: "-1" }, title), form, alternative));
}

export async function renderSignIn(main) {
  if (session.signedIn) return navigate("/account");
  authForm(main, {
    title: "Sign in",
    submit: "Sign in",
    fields: [input("email", "Email", { type: "email", autocomplete: "email" }), input("password", "Password", { type: "password", autocomplete: "current-password" })],
    alternative: h("p", {}, "New here? ", h("a", { href: "#/register" }, "Create an account")),
    action: ({ email, password }) => signIn(email, password),
  });
}

export async function renderRegister(main) {
  if (session.signedIn) return navigate("/account");
  authForm(main, {
    title: "Create an account",
    submit: "Create account",
    fields: [
      h("div", { class: "field-grid" }, input("firstName", "First name", { autocomplete: "given-name" }), input("lastName", "Last name", { autocomplete: "family-name" })),
      input("email", "Email", { type: "email", autocomplete: "email" }),
      input("password", "Password", { type: "password", autocomplete: "new-password", minlength: 10, "aria-describedby": "password-hint" }),
      h("small", { id: "password-hint", class: "muted" }, "At least 10 characters; a passphrase is best."),
    ],
    alternative: h("p", {}, "Have an account? ", h("a", { href: "#/sign-in" }, "Sign in")),
    action: async (values) => {
      const data = await gql(REGISTER, { input: values });
      const message = userErrorText(data.customerRegister);
      if (message) throw new ApiError([{ message }]);
      await signIn(values.email, values.password);
    },
  });
}

export async function renderAccount(main) {
  if (!session.signedIn) return navigate("/sign-in");
  const data = await gql(ACCOUNT, {}, { asCustomer: true });
  const me = data.me;
  if (!me || !me.email) {
    session.clear();
    return navigate("/sign-in");
  }
  const signOut = h("button", { type: "button", class: "button secondary", id: "sign-out" }, "Sign out");
  signOut.addEventListener("click", async () => {
    await gql(LOGOUT, {}, { asCustomer: true }).catch(() => null);
    session.clear();
    forgetCart(); // the customer's cart is theirs alone: a guest cannot reach it
    navigate("/");
  });
  const orders = me.orders.nodes;
  replace(
    main,
    h("div", { class: "section-head" }, pageTitle(`Hello, ${me.firstName || me.email}`, shop.name), signOut),
    h("p", { class: "muted" }, `Signed in as ${me.email}.`),
    h(
      "section",
      { "aria-labelledby": "orders-title" },
      h("h2", { id: "orders-title" }, "Your orders"),
      orders.length
        ? h(
            "table",
            { class: "orders" },
            h("caption", { class: "visually-hidden" }, "Order history"),
            h("thead", {}, h("tr", {}, ["Order", "Placed", "Items", "Status", "Total"].map((name) => h("th", { scope: "col" }, name)))),
            h(
              "tbody",
              {},
              orders.map((order) =>
                h(
                  "tr",
                  {},
                  h("th", { scope: "row" }, `#${order.number}`),
                  h("td", {}, new Date(order.createdAt).toLocaleDateString()),
                  h("td", {}, order.lines.map((line) => `${line.quantity} × ${line.productName}`).join(", ")),
                  h("td", {}, h("span", { class: "status" }, order.status.toLowerCase().replaceAll("_", " "))),
                  h("td", {}, money(order.total)),
                ),
              ),
            ),
          )
        : h("p", { class: "empty" }, "No orders yet. ", h("a", { href: "#/" }, "Start shopping")),
    ),
  );
}
