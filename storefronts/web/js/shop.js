// What the storefront says about itself, read once at start (name, currency, categories).
export const shop = { name: "Shop", currency: "USD", defaultCountry: "US", categories: [] };
