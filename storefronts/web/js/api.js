// GraphQL over HTTP with the storefront's public token, as any third-party storefront does.
// The API's address and token come from config.json beside index.html.
import { session } from "./session.js";

let config = null;

export async function loadConfig() {
  const response = await fetch(new URL("config.json", document.baseURI), { cache: "no-cache" });
  if (!response.ok) throw new Error("This shop has no config.json (see storefronts/web/README.md).");
  config = await response.json();
  if (!config.apiUrl || !config.storefrontToken) throw new Error("config.json needs apiUrl and storefrontToken.");
  return config;
}

export class ApiError extends Error {
  constructor(errors) {
    super(errors.map((error) => error.message).join(" "));
    this.errors = errors;
    this.codes = errors.map((error) => error.extensions?.code).filter(Boolean);
  }

  // The document asked for something this API does not have (an older or newer schema).
  get invalidDocument() {
    return this.errors.some((error) => error.extensions?.code === "GRAPHQL_VALIDATION_FAILED" || /Cannot query field/.test(error.message));
  }
}

// `probe`: a document the API may not know (optional features): asked for as plain JSON, whose
// validation errors come with status 200, so the browser's console stays quiet about them.
async function post(query, variables, authorization, probe = false) {
  const headers = {
    "content-type": "application/json",
    accept: probe ? "application/json" : "application/graphql-response+json, application/json",
    "agora-storefront-token": config.storefrontToken,
  };
  if (authorization) headers.authorization = `Bearer ${authorization}`;
  let response;
  try {
    response = await fetch(config.apiUrl, { method: "POST", headers, body: JSON.stringify({ query, variables }) });
  } catch {
    throw new ApiError([{ message: "The shop cannot reach its server. Check your connection and try again." }]);
  }
  let body;
  try {
    body = await response.json();
  } catch {
    throw new ApiError([{ message: `The server answered ${response.status}. Please try again.` }]);
  }
  if (body.errors?.length) throw new ApiError(body.errors);
  return body.data;
}

// `asCustomer`: send the signed-in customer's token (their carts, account and orders). Catalog
// reads go without it, so the API's response cache and HTTP caches can answer them.
export async function gql(query, variables = {}, { asCustomer = false, probe = false } = {}) {
  if (!config) await loadConfig();
  const token = asCustomer ? await session.accessToken(refreshTokens) : null;
  try {
    return await post(query, variables, token, probe);
  } catch (error) {
    if (token && error instanceof ApiError && error.codes.includes("UNAUTHENTICATED")) {
      const fresh = await session.refreshNow(refreshTokens);
      return post(query, variables, fresh, probe);
    }
    throw error;
  }
}

const REFRESH = `mutation Refresh($token: String!) {
  customerTokenRefresh(refreshToken: $token) {
    accessToken accessTokenExpiresAt refreshToken userErrors { code }
  }
}`;

async function refreshTokens(refreshToken) {
  const data = await post(REFRESH, { token: refreshToken }, null);
  const payload = data.customerTokenRefresh;
  return payload.userErrors.length ? null : payload;
}

// userErrors as one sentence for the page, or null.
export function userErrorText(payload) {
  const errors = payload?.userErrors ?? [];
  return errors.length ? errors.map((error) => error.message).join(" ") : null;
}
