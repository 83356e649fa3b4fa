// A minimal "browser" for Latchkey's plain-HTML login pages: fetch with manual
// redirects and a cookie jar. It plays the end user's part only; everything
// the relying party does is left to openid-client.

const MAX_HOPS = 12;

/**
 * Cookies for a single host (Latchkey's issuer), so Domain and Path are not
 * matched: every stored cookie is sent. Expiry through Max-Age / Expires is
 * honoured, so a cleared session cookie really goes away.
 */
export class CookieJar {
  #cookies = new Map();

  /** Stores the Set-Cookie headers of `response`. */
  store(response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(";").map((s) => s.trim());
      const eq = pair.indexOf("=");
      if (eq < 1) continue;
      const name = pair.slice(0, eq);
      let expired = false;
      for (const a of attrs) {
        const [k, v = ""] = a.split("=");
        if (k.toLowerCase() === "max-age" && Number(v) <= 0) expired = true;
        if (k.toLowerCase() === "expires" && Date.parse(v) <= Date.now()) expired = true;
      }
      if (expired) this.#cookies.delete(name);
      else this.#cookies.set(name, pair.slice(eq + 1));
    }
  }

  /** The Cookie request header value, or undefined when the jar is empty. */
  header() {
    if (this.#cookies.size === 0) return undefined;
    return [...this.#cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  has(name) {
    return this.#cookies.has(name);
  }
}

/** The value of `<input ... name="NAME" ... value="VALUE">` in `html`. */
function hiddenInput(html, name) {
  for (const tag of html.match(/<input\b[^>]*>/gi) ?? []) {
    if (new RegExp(`\\bname="${name}"`).test(tag)) {
      const v = /\bvalue="([^"]*)"/.exec(tag);
      if (v) return v[1].replaceAll("&quot;", '"').replaceAll("&#x27;", "'").replaceAll("&amp;", "&");
    }
  }
  return undefined;
}

/** A short, single-line excerpt of an HTML page for error messages. */
function excerpt(html) {
  const text = html.replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/gi, "").replace(/<[^>]+>/g, " ");
  return text.replace(/\s+/g, " ").trim().slice(0, 300);
}

export class UserAgent {
  constructor() {
    this.jar = new CookieJar();
  }

  /** One HTTP request with the jar's cookies; redirects are not followed. */
  async request(url, { method = "GET", form } = {}) {
    const headers = {};
    const cookie = this.jar.header();
    if (cookie) headers.cookie = cookie;
    let body;
    if (form) {
      body = new URLSearchParams(form).toString();
      headers["content-type"] = "application/x-www-form-urlencoded";
    }
    const response = await fetch(url, { method, headers, body, redirect: "manual", signal: AbortSignal.timeout(15_000) });
    this.jar.store(response);
    return response;
  }

  /**
   * Opens `authorizationUrl` as the end user and signs in with `credentials`
   * when Latchkey shows its login form. Follows the redirects until one
   * leaves for `redirectUri`'s origin (the relying party) and returns that
   * URL — the authorization response — without fetching it.
   */
  async authorize(authorizationUrl, redirectUri, credentials) {
    const rpOrigin = new URL(redirectUri).origin;
    let url = new URL(authorizationUrl);
    let response = await this.request(url);
    let loggedIn = false;
    for (let hop = 0; hop < MAX_HOPS; hop++) {
      if (response.status >= 300 && response.status < 400) {
        const location = response.headers.get("location");
        if (!location) throw new Error(`${response.status} from ${url} without Location`);
        url = new URL(location, url);
        if (url.origin === rpOrigin) return url;
        response = await this.request(url);
        continue;
      }
      const html = await response.text();
      const csrf = hiddenInput(html, "csrf_token");
      const isLoginForm = response.status === 200 && /<form[^>]*action="\/login"/.test(html) && csrf;
      if (!isLoginForm || !credentials || loggedIn) {
        throw new Error(`expected a redirect to ${rpOrigin}, got HTTP ${response.status} at ${url}: ${excerpt(html)}`);
      }
      loggedIn = true;
      url = new URL("/login", url);
      response = await this.request(url, {
        method: "POST",
        form: { username: credentials.username, password: credentials.password, csrf_token: csrf },
      });
    }
    throw new Error(`more than ${MAX_HOPS} hops from ${authorizationUrl}`);
  }
}
