// Building the page from data without ever parsing API text as HTML.
// `h(tag, props, ...children)` sets attributes and appends strings as text nodes, so a product
// name like "<b>" shows as typed. Only `richText` renders HTML, for the API's sanitised
// `descriptionHtml` fields.

export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") element.className = value;
    else if (key.startsWith("on") && typeof value === "function") {
      element.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (key === "style") Object.assign(element.style, value);
    else if (key === "value") element.value = value;
    else if (key === "checked" || key === "selected" || key === "disabled") {
      element[key] = Boolean(value);
      if (value) element.setAttribute(key, "");
    } else element.setAttribute(key, value === true ? "" : String(value));
  }
  append(element, children);
  return element;
}

export function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

export function replace(element, ...children) {
  element.replaceChildren();
  return append(element, children);
}

// The API sanitises rich text (no scripts, handlers or styles) and the page's CSP forbids
// inline script besides; this is the one place HTML from the API is rendered as HTML.
export function richText(html, className = "rich-text") {
  const element = h("div", { class: className });
  element.innerHTML = html;
  for (const link of element.querySelectorAll("a")) link.setAttribute("rel", "noopener noreferrer");
  return element;
}

// Only http(s) and same-site URLs become src or href attributes.
export function safeUrl(url) {
  try {
    const parsed = new URL(url, document.baseURI);
    return ["http:", "https:"].includes(parsed.protocol) ? parsed.href : "";
  } catch {
    return "";
  }
}

// A product image that turns into a neat placeholder when it cannot load (offline, blocked).
export function picture(media, fallbackText, className = "") {
  const frame = h("div", { class: `picture ${className}` });
  const src = media ? safeUrl(media.url) : "";
  const alt = media?.alt || fallbackText;
  const placeholder = () =>
    replace(frame, h("div", { class: "placeholder", role: "img", "aria-label": alt }, initials(fallbackText)));
  if (!src) {
    placeholder();
    return frame;
  }
  const image = h("img", { src, alt, loading: "lazy", decoding: "async", width: 800, height: 800 });
  image.addEventListener("error", placeholder, { once: true });
  frame.append(image);
  return frame;
}

function initials(text) {
  return String(text ?? "")
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => word[0].toUpperCase())
    .join("");
}

export function field(label, input, hint) {
  const id = input.id || `f-${Math.random().toString(36).slice(2, 9)}`;
  input.id = id;
  return h("div", { class: "field" }, h("label", { for: id }, label), input, hint ? h("small", {}, hint) : null);
}

let toastTimer;
export function toast(message) {
  const element = document.getElementById("toast");
  element.textContent = message;
  element.classList.add("shown");
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => element.classList.remove("shown"), 3500);
}

export function hideToast() {
  document.getElementById("toast")?.classList.remove("shown");
}

export function errorBox(message) {
  return h("div", { class: "error", role: "alert" }, message);
}
