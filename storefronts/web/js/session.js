// The signed-in customer's tokens, kept in localStorage so a reload keeps them. Access tokens
// are short-lived; the single-use refresh token gets a new pair shortly before expiry (one
// refresh at a time in this tab: the API treats two uses of one refresh token as theft).
const KEY = "agora.customer";
const MARGIN_MS = 30_000;
let refreshing = null;

function read() {
  try {
    return JSON.parse(localStorage.getItem(KEY)) ?? null;
  } catch {
    return null;
  }
}

function changed() {
  window.dispatchEvent(new CustomEvent("session:changed"));
}

export const session = {
  get signedIn() {
    return read() !== null;
  },
  save(tokens) {
    const { accessToken, accessTokenExpiresAt, refreshToken } = tokens;
    localStorage.setItem(KEY, JSON.stringify({ accessToken, accessTokenExpiresAt, refreshToken }));
    changed();
  },
  clear() {
    localStorage.removeItem(KEY);
    changed();
  },
  async accessToken(refresh) {
    const tokens = read();
    if (!tokens) return null;
    const expires = Date.parse(tokens.accessTokenExpiresAt ?? "") || 0;
    if (expires - Date.now() > MARGIN_MS) return tokens.accessToken;
    return this.refreshNow(refresh);
  },
  async refreshNow(refresh) {
    if (!refreshing) {
      refreshing = (async () => {
        const tokens = read();
        const fresh = tokens ? await refresh(tokens.refreshToken).catch(() => null) : null;
        if (fresh) this.save(fresh);
        else this.clear();
        return fresh?.accessToken ?? null;
      })().finally(() => {
        refreshing = null;
      });
    }
    return refreshing;
  },
};

window.addEventListener("storage", (event) => {
  if (event.key === KEY) changed();
});
