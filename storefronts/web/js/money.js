// Money arrives as a decimal string and an ISO 4217 code; Intl formats the string itself
// (no float arithmetic), with the currency's own number of fraction digits.
const formats = new Map();

export function money(value) {
  if (!value) return "";
  const code = value.currencyCode;
  if (!formats.has(code)) {
    formats.set(code, new Intl.NumberFormat(navigator.language || "en-US", { style: "currency", currency: code }));
  }
  return formats.get(code).format(value.amount);
}

export function priceRange(range) {
  if (!range) return "";
  const start = money(range.start);
  if (range.start.amount === range.stop.amount) return start;
  return `${start} – ${money({ ...range.stop, currencyCode: range.start.currencyCode })}`;
}

// For display decisions only (is this a reduction?), never for arithmetic.
export function below(lower, upper) {
  return Boolean(lower && upper) && Number(lower.amount) < Number(upper.amount);
}

export function isZero(value) {
  return !value || Number(value.amount) === 0;
}
