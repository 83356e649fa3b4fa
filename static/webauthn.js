// Passkeys for Latchkey's pages: registration, second factor, and
// passwordless sign-in (a button, plus autofill through conditional UI).
// Talks to /webauthn/* with standard WebAuthn JSON; no inline script.
"use strict";

(function () {
  // The page's own words, in its language (data-t-* on <body>).
  function text(key, fallback) {
    return document.body.dataset["t" + key.charAt(0).toUpperCase() + key.slice(1)] || fallback;
  }

  function b64urlToBuf(s) {
    s = s.replace(/-/g, "+").replace(/_/g, "/");
    while (s.length % 4) s += "=";
    const bin = atob(s);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out.buffer;
  }

  function bufToB64url(buf) {
    const bytes = new Uint8Array(buf);
    let bin = "";
    for (let i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]);
    return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  // Options JSON (base64url strings) -> what navigator.credentials wants.
  function creationOptions(json) {
    const pk = json.publicKey;
    pk.challenge = b64urlToBuf(pk.challenge);
    pk.user.id = b64urlToBuf(pk.user.id);
    (pk.excludeCredentials || []).forEach(function (c) { c.id = b64urlToBuf(c.id); });
    return pk;
  }

  function requestOptions(json) {
    const pk = json.publicKey;
    pk.challenge = b64urlToBuf(pk.challenge);
    (pk.allowCredentials || []).forEach(function (c) { c.id = b64urlToBuf(c.id); });
    return pk;
  }

  // PublicKeyCredential -> JSON, as PublicKeyCredential.toJSON() produces it.
  function credentialJSON(cred) {
    if (typeof cred.toJSON === "function") return cred.toJSON();
    const r = cred.response;
    const response = { clientDataJSON: bufToB64url(r.clientDataJSON) };
    if (r.attestationObject) {
      response.attestationObject = bufToB64url(r.attestationObject);
      if (r.getTransports) response.transports = r.getTransports();
    } else {
      response.authenticatorData = bufToB64url(r.authenticatorData);
      response.signature = bufToB64url(r.signature);
      if (r.userHandle) response.userHandle = bufToB64url(r.userHandle);
    }
    return {
      id: cred.id,
      rawId: bufToB64url(cred.rawId),
      type: cred.type,
      response: response,
      clientExtensionResults: cred.getClientExtensionResults(),
    };
  }

  async function post(url, csrf, body) {
    const resp = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify(body || {}),
    });
    let data = {};
    try { data = await resp.json(); } catch (e) { /* empty body */ }
    if (!resp.ok) throw new Error(data.error || text("requestFailed", "The request failed. Try again."));
    return data;
  }

  function showError(el, err) {
    if (!el) return;
    // The browser's own sentences (DOMException) are not shown: they are
    // in the browser's words and language, not the page's.
    let message;
    if (err && err.name === "NotAllowedError") {
      // A dismissed prompt is not an error worth shouting about.
      message = text("passkeyClosed", "The passkey prompt was closed or timed out. Try again.");
    } else if (err && err.name === "InvalidStateError") {
      // excludeCredentials matched (WebAuthn 5.1.3): already registered.
      message = text("passkeyExists", "This device already holds a passkey for your account. Use it to sign in, or add one on another device.");
    } else if (typeof DOMException !== "undefined" && err instanceof DOMException) {
      message = text("passkeyFailed", "The passkey could not be used. Try again, or use another way to sign in.");
    } else {
      message = (err && err.message) || text("wentWrong", "Something went wrong. Try again.");
    }
    el.textContent = message;
    el.hidden = false;
  }

  const supported = !!(window.PublicKeyCredential && navigator.credentials);

  // Sign-in: passwordless on the login page, second factor on /login/mfa.
  const login = document.getElementById("passkey-login");
  if (login && supported) {
    const csrf = login.dataset.csrf;
    const mode = login.dataset.mode || "passwordless";
    const button = document.getElementById("passkey-button");
    const error = document.getElementById("passkey-error");
    let conditional = null;

    async function signIn(mediation) {
      const options = await post("/webauthn/login/start", csrf, { mode: mode });
      const publicKey = requestOptions(options);
      const request = { publicKey: publicKey };
      if (mediation === "conditional") {
        conditional = new AbortController();
        request.mediation = "conditional";
        request.signal = conditional.signal;
      }
      const cred = await navigator.credentials.get(request);
      const remember = document.getElementById("remember");
      const finish = "/webauthn/login/finish" + (remember && remember.checked ? "?remember=yes" : "");
      const result = await post(finish, csrf, credentialJSON(cred));
      window.location.assign(result.redirect);
    }

    login.hidden = false;
    button.addEventListener("click", function () {
      if (conditional) conditional.abort();
      error.hidden = true;
      button.disabled = true;
      signIn("button").catch(function (e) { showError(error, e); }).finally(function () { button.disabled = false; });
    });

    // Autofill: offer passkeys in the username field's suggestions.
    if (mode === "passwordless" && document.getElementById("username") &&
        PublicKeyCredential.isConditionalMediationAvailable) {
      PublicKeyCredential.isConditionalMediationAvailable().then(function (ok) {
        // The user never asked for this one: a failure stays silent.
        if (ok) signIn("conditional").catch(function () {});
      });
    }
  }

  // Registration on the enrollment and account pages.
  const register = document.getElementById("passkey-register");
  if (register) {
    const button = document.getElementById("passkey-register-button");
    const error = document.getElementById("passkey-error");
    if (!supported) {
      button.disabled = true;
      showError(error, new Error(text("passkeyUnsupported", "This browser does not support passkeys.")));
    } else {
      button.addEventListener("click", async function () {
        error.hidden = true;
        button.disabled = true;
        try {
          const csrf = register.dataset.csrf;
          const options = await post("/webauthn/register/start", csrf);
          const cred = await navigator.credentials.create({ publicKey: creationOptions(options) });
          const name = (document.getElementById("passkey-name") || {}).value || text("passkeyName", "Passkey");
          const result = await post("/webauthn/register/finish", csrf, { name: name, credential: credentialJSON(cred) });
          window.location.assign(result.redirect);
        } catch (e) {
          showError(error, e);
        } finally {
          button.disabled = false;
        }
      });
    }
  }
})();
