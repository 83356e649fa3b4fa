// End-to-end test of Latchkey with panva's openid-client (v6), a certified,
// strict relying-party library. openid-client does everything a relying party
// does (discovery, authorization URL, authorization response and id_token
// validation, token, userinfo, refresh, revocation, introspection, logout
// URL); user-agent.js only plays the end user signing in on Latchkey's pages.
//
// Run through run.sh, which starts nothing itself: this file starts a real
// `latchkey serve` (LATCHKEY_BIN) on a free loopback port.

import assert from "node:assert/strict";
import { createHash, webcrypto } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";

import * as client from "openid-client";

import { Latchkey, freePort } from "./latchkey.js";
import { UserAgent } from "./user-agent.js";

const BIN = process.env.LATCHKEY_BIN;
const SCOPE = "openid profile email groups";
const ALICE = {
  username: "alice",
  password: `pw-${client.randomState()}`,
  email: "alice@example.com",
  name: "Alice Example",
};

let lk; // the running Latchkey
let workdir;
let rpPort; // the relying party's (never listening) loopback port
let rpRedirect; // http://127.0.0.1:R/cb
let rpLogoutRedirect; // http://127.0.0.1:R/bye
const secrets = {}; // client_id -> client_secret

before(async () => {
  assert.ok(BIN, "LATCHKEY_BIN is not set (use run.sh)");
  workdir = fs.mkdtempSync(path.join(os.tmpdir(), "latchkey-openid-client-"));
  lk = new Latchkey({ bin: BIN, workdir });
  await lk.start();

  lk.cli(
    ["user", "add", ALICE.username, "--email", ALICE.email, "--name", ALICE.name, "--groups", "admins,staff", "--password-stdin", "--email-verified"],
    `${ALICE.password}\n`,
  );

  rpPort = await freePort();
  rpRedirect = `http://127.0.0.1:${rpPort}/cb`;
  rpLogoutRedirect = `http://127.0.0.1:${rpPort}/bye`;
  secrets.rp = lk.addClient("rp", [
    "--name", "RP", "--first-party",
    "--redirect-uri", rpRedirect,
    "--post-logout-redirect-uri", rpLogoutRedirect,
  ]);
  for (const alg of ["ES256", "EdDSA"]) {
    secrets[`rp-${alg}`] = lk.addClient(`rp-${alg}`, [
      "--name", `RP ${alg}`, "--first-party", "--redirect-uri", rpRedirect, "--id-token-alg", alg,
    ]);
  }
  // Public native app: registered without a port; RFC 8252 7.3 lets it use any.
  assert.equal(
    lk.addClient("native", ["--name", "Native", "--public", "--first-party", "--redirect-uri", "http://127.0.0.1/cb"]),
    undefined,
    "a public client must get no secret",
  );
  for (const id of ["rp", "rp-ES256", "rp-EdDSA"]) assert.ok(secrets[id], `no client_secret printed for ${id}`);
});

after(async () => {
  await lk?.stop();
  if (workdir && !process.env.KEEP_WORKDIR) fs.rmSync(workdir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------
// Helpers

/**
 * openid-client Configuration from Latchkey's discovery document. Requests
 * made through it are recorded in the returned `requests` (to check the
 * client authentication method really used). http is allowed: loopback only.
 */
async function discover(clientId, metadata, auth) {
  const config = await client.discovery(new URL(lk.issuer), clientId, metadata, auth, {
    execute: [client.allowInsecureRequests],
  });
  const requests = [];
  config[client.customFetch] = (url, options) => {
    requests.push({ url, headers: options.headers, body: options.body?.toString() });
    return fetch(url, options);
  };
  return { config, requests };
}

/**
 * The front-channel half of the code flow: builds the authorization URL with
 * openid-client (PKCE S256, state, nonce), signs Alice in through a user agent
 * and returns the authorization response URL Latchkey redirected to.
 */
async function authorize(config, { redirectUri = rpRedirect, ua = new UserAgent(), params = {}, pkce = true } = {}) {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const parameters = { redirect_uri: redirectUri, scope: SCOPE, state, nonce, ...params };
  if (pkce) {
    parameters.code_challenge = await client.calculatePKCECodeChallenge(verifier);
    parameters.code_challenge_method = "S256";
  }
  const url = client.buildAuthorizationUrl(config, parameters);
  const callback = await ua.authorize(url, redirectUri, ALICE);
  return { callback, verifier, state, nonce, ua };
}

/** The whole code flow, every check of openid-client on. */
async function codeFlow(config, options = {}) {
  const a = await authorize(config, options);
  // RFC 9207: Latchkey advertises authorization_response_iss_parameter_supported,
  // so openid-client requires `iss` and compares it; checked here explicitly too.
  assert.equal(a.callback.searchParams.get("iss"), lk.issuer, "iss authorization response parameter");
  const tokens = await client.authorizationCodeGrant(config, a.callback, {
    pkceCodeVerifier: a.verifier,
    expectedState: a.state,
    expectedNonce: a.nonce,
    idTokenExpected: true,
    // With max_age sent, openid-client requires auth_time and checks it.
    maxAge: options.params?.max_age === undefined ? undefined : Number(options.params.max_age),
  });
  return { ...a, tokens, claims: tokens.claims() };
}

/** Decodes a compact JWS header. */
function jwsHeader(jwt) {
  return JSON.parse(Buffer.from(jwt.split(".")[0], "base64url").toString());
}

/**
 * Checks openid-client does not do for a code-flow token response: the header
 * (alg, kid in the JWKS), at_hash (OIDC Core 3.1.3.8 / 3.3.2.11; SHA-512 for
 * EdDSA/Ed25519) and azp. Signature, iss, aud, exp, iat and nonce were
 * already validated by openid-client.
 */
async function checkIdToken(tokens, clientId, alg) {
  const header = jwsHeader(tokens.id_token);
  assert.equal(header.alg, alg, "id_token alg");
  assert.ok(header.kid, "id_token header has a kid");
  const jwks = await (await fetch(new URL("/jwks.json", lk.issuer))).json();
  const jwk = jwks.keys.find((k) => k.kid === header.kid);
  assert.ok(jwk, `kid ${header.kid} is in jwks.json`);
  if (jwk.alg) assert.equal(jwk.alg, alg, "JWK alg");

  const claims = tokens.claims();
  const hash = alg === "EdDSA" ? "sha512" : "sha256";
  const digest = createHash(hash).update(tokens.access_token).digest();
  assert.equal(claims.at_hash, digest.subarray(0, digest.length / 2).toString("base64url"), "at_hash");
  assert.ok([clientId, [clientId]].some((aud) => JSON.stringify(aud) === JSON.stringify(claims.aud)), "aud");
  if (claims.azp !== undefined) assert.equal(claims.azp, clientId, "azp");
}

/** Alice's scope claims, as both the id_token and userinfo carry them. */
function checkAliceClaims(c, where) {
  assert.equal(c.preferred_username, "alice", `${where}: preferred_username`);
  assert.equal(c.name, ALICE.name, `${where}: name`);
  assert.equal(c.email, ALICE.email, `${where}: email`);
  assert.equal(c.email_verified, true, `${where}: email_verified`);
  assert.deepEqual([...c.groups].sort(), ["admins", "staff"], `${where}: groups`);
}

/** Asserts `promise` rejects with an OAuth error response `error` code. */
async function rejectsWithOAuthError(promise, error, what) {
  await assert.rejects(promise, (e) => {
    assert.ok(
      e instanceof client.ResponseBodyError || e instanceof client.AuthorizationResponseError,
      `${what}: expected an OAuth error response "${error}", got ${e?.constructor?.name}: ${e?.message}`,
    );
    assert.equal(e.error, error, `${what}: error code (error_description: ${e.error_description})`);
    return true;
  });
}

/** Asserts openid-client refused to go on with a check failure naming `pattern`. */
async function rejectsWithClientCheck(promise, pattern, what) {
  await assert.rejects(promise, (e) => {
    const messages = [];
    for (let c = e, i = 0; c instanceof Error && i < 5; c = c.cause, i++) messages.push(c.message);
    assert.ok(
      e instanceof client.ClientError && messages.some((m) => pattern.test(m)),
      `${what}: expected an openid-client check failure matching ${pattern}, got ${e?.constructor?.name}: ${messages.join(" / ")}`,
    );
    return true;
  });
}

/** The full code flow for a confidential client with client_secret_{basic,post}. */
async function confidentialFlow(auth, method, params) {
  const { config, requests } = await discover("rp", secrets.rp, auth(secrets.rp));
  const meta = config.serverMetadata();
  assert.equal(meta.issuer, lk.issuer);
  assert.ok(meta.token_endpoint_auth_methods_supported.includes(method), `${method} advertised`);

  const { tokens, claims } = await codeFlow(config, { params });
  assert.equal(tokens.token_type.toLowerCase(), "bearer");
  assert.ok(tokens.refresh_token, "a refresh token");

  // The token request really authenticated with `method`.
  const tokenRequest = requests.find((r) => r.url === meta.token_endpoint);
  const body = new URLSearchParams(tokenRequest.body);
  const authorization = new Headers(tokenRequest.headers).get("authorization");
  if (method === "client_secret_basic") {
    assert.match(authorization ?? "", /^Basic /, "Authorization: Basic");
    assert.equal(body.get("client_secret"), null);
  } else {
    assert.equal(authorization, null);
    assert.equal(body.get("client_secret"), secrets.rp);
  }

  await checkIdToken(tokens, "rp", "RS256");
  checkAliceClaims(claims, "id_token");
  assert.ok(Array.isArray(claims.amr) && claims.amr.includes("pwd"), `amr includes pwd: ${JSON.stringify(claims.amr)}`);
  assert.equal(typeof claims.auth_time, "number", "auth_time");

  // openid-client checks userinfo's sub against the id_token's.
  const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
  assert.equal(userinfo.sub, claims.sub);
  checkAliceClaims(userinfo, "userinfo");
}

// ---------------------------------------------------------------------------
// Scenarios

test("discovery document is accepted by openid-client", async () => {
  const { config } = await discover("rp", secrets.rp);
  const m = config.serverMetadata();
  assert.equal(m.issuer, lk.issuer);
  assert.ok(m.supportsPKCE("S256"), "S256 PKCE advertised");
  assert.equal(m.authorization_response_iss_parameter_supported, true);
  for (const [k, p] of Object.entries({
    authorization_endpoint: "/authorize",
    token_endpoint: "/token",
    userinfo_endpoint: "/userinfo",
    jwks_uri: "/jwks.json",
    revocation_endpoint: "/revoke",
    introspection_endpoint: "/introspect",
    end_session_endpoint: "/logout",
  })) {
    assert.equal(m[k], `${lk.issuer}${p}`, k);
  }
});

test("confidential client, client_secret_basic: code + PKCE + state + nonce, id_token, userinfo", () =>
  confidentialFlow(client.ClientSecretBasic, "client_secret_basic"));

test("confidential client, client_secret_post: code + PKCE + state + nonce + max_age, id_token, userinfo", () =>
  confidentialFlow(client.ClientSecretPost, "client_secret_post", { max_age: "600" }));

test("public client (none) with PKCE on a loopback redirect with a random port", async () => {
  const { config, requests } = await discover("native", { token_endpoint_auth_method: "none" }, client.None());
  const port = await freePort();
  const redirectUri = `http://127.0.0.1:${port}/cb`;
  const { tokens, claims } = await codeFlow(config, { redirectUri });
  const tokenRequest = requests.find((r) => r.url === config.serverMetadata().token_endpoint);
  assert.equal(new Headers(tokenRequest.headers).get("authorization"), null, "no client authentication");
  assert.equal(new URLSearchParams(tokenRequest.body).get("client_id"), "native");

  await checkIdToken(tokens, "native", "RS256");
  checkAliceClaims(claims, "id_token");
  const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
  checkAliceClaims(userinfo, "userinfo");

  // RFC 7662 2.1: introspection needs client authentication; a public client has none.
  await assert.rejects(client.tokenIntrospection(config, tokens.access_token), (e) => {
    assert.equal(e.response?.status ?? e.status, 401, `introspection by a public client: ${e?.constructor?.name}: ${e?.message}`);
    return true;
  });

  // A public client refreshes without authentication too.
  if (tokens.refresh_token) {
    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token);
    assert.notEqual(refreshed.refresh_token, tokens.refresh_token, "rotated refresh token");
  }
});

test("refresh token grant rotates; the old refresh token is then rejected", async () => {
  const { config } = await discover("rp", secrets.rp, client.ClientSecretBasic(secrets.rp));
  const { tokens, claims } = await codeFlow(config);

  const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token);
  assert.ok(refreshed.access_token, "a new access token");
  assert.notEqual(refreshed.access_token, tokens.access_token, "new access token differs");
  assert.ok(refreshed.refresh_token, "a new refresh token");
  assert.notEqual(refreshed.refresh_token, tokens.refresh_token, "new refresh token differs");
  if (refreshed.id_token) {
    // OIDC Core 12.2: openid-client validated it; same subject required.
    assert.equal(refreshed.claims().sub, claims.sub);
    await checkIdToken(refreshed, "rp", "RS256");
  }
  const userinfo = await client.fetchUserInfo(config, refreshed.access_token, claims.sub);
  checkAliceClaims(userinfo, "userinfo after refresh");

  // RFC 6749 6 / RFC 9700 4.14.2: the rotated-out refresh token is dead.
  await rejectsWithOAuthError(client.refreshTokenGrant(config, tokens.refresh_token), "invalid_grant", "reused refresh token");
});

test("revocation and introspection (active, then inactive after revoke)", async () => {
  const { config } = await discover("rp", secrets.rp, client.ClientSecretBasic(secrets.rp));
  const { tokens, claims } = await codeFlow(config);

  const at = await client.tokenIntrospection(config, tokens.access_token);
  assert.equal(at.active, true, "access token active");
  assert.equal(at.sub, claims.sub, "introspection sub");
  assert.equal(at.client_id, "rp", "introspection client_id");
  const rt = await client.tokenIntrospection(config, tokens.refresh_token, { token_type_hint: "refresh_token" });
  assert.equal(rt.active, true, "refresh token active");

  await client.tokenRevocation(config, tokens.access_token, { token_type_hint: "access_token" });
  assert.equal((await client.tokenIntrospection(config, tokens.access_token)).active, false, "revoked access token inactive");
  // RFC 6750 3.1: a Bearer challenge with error="invalid_token".
  await assert.rejects(client.fetchUserInfo(config, tokens.access_token, claims.sub), (e) => {
    assert.ok(e instanceof client.WWWAuthenticateChallengeError, `userinfo with a revoked token: ${e?.constructor?.name}: ${e?.message}`);
    assert.equal(e.response.status, 401);
    assert.ok(
      e.cause.some((c) => c.scheme === "bearer" && c.parameters.error === "invalid_token"),
      `Bearer invalid_token challenge: ${JSON.stringify(e.cause)}`,
    );
    return true;
  });

  await client.tokenRevocation(config, tokens.refresh_token, { token_type_hint: "refresh_token" });
  assert.equal((await client.tokenIntrospection(config, tokens.refresh_token)).active, false, "revoked refresh token inactive");
  await rejectsWithOAuthError(client.refreshTokenGrant(config, tokens.refresh_token), "invalid_grant", "revoked refresh token");

  // RFC 7009 2.2: an unknown token is no error.
  await client.tokenRevocation(config, "not-a-token");
  assert.equal((await client.tokenIntrospection(config, "not-a-token")).active, false, "unknown token inactive");
});

for (const alg of ["ES256", "EdDSA"]) {
  test(`id_token signed with ${alg} verifies`, async (t) => {
    if (alg === "EdDSA" && !(await webCryptoHasEd25519())) {
      t.skip(`this Node.js (${process.version}) WebCrypto has no Ed25519`);
      return;
    }
    const clientId = `rp-${alg}`;
    // openid-client refuses any other alg than the registered one.
    const { config } = await discover(clientId, { client_secret: secrets[clientId], id_token_signed_response_alg: alg });
    const { tokens, claims } = await codeFlow(config);
    await checkIdToken(tokens, clientId, alg);
    checkAliceClaims(claims, "id_token");
    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token);
    if (refreshed.id_token) await checkIdToken(refreshed, clientId, alg);
  });
}

async function webCryptoHasEd25519() {
  try {
    await webcrypto.subtle.generateKey({ name: "Ed25519" }, false, ["sign", "verify"]);
    return true;
  } catch {
    return false;
  }
}

test("RP-initiated logout with id_token_hint + post_logout_redirect_uri ends the session", async () => {
  const { config } = await discover("rp", secrets.rp, client.ClientSecretBasic(secrets.rp));
  const { tokens, ua } = await codeFlow(config);
  const logoutState = client.randomState();
  const url = client.buildEndSessionUrl(config, {
    id_token_hint: tokens.id_token,
    post_logout_redirect_uri: rpLogoutRedirect,
    state: logoutState,
  });

  const response = await ua.request(url);
  assert.equal(response.status, 303, "logout answers 303");
  const location = new URL(response.headers.get("location"));
  assert.equal(`${location.origin}${location.pathname}`, rpLogoutRedirect, "redirected to post_logout_redirect_uri");
  assert.equal(location.searchParams.get("state"), logoutState, "state returned");

  // The Latchkey session is gone: prompt=none must now answer login_required
  // (OIDC Core 3.1.2.6), an error response openid-client still validates (iss, state).
  const again = await authorize(config, { ua, params: { prompt: "none" } });
  await rejectsWithOAuthError(
    client.authorizationCodeGrant(config, again.callback, { pkceCodeVerifier: again.verifier, expectedState: again.state, expectedNonce: again.nonce }),
    "login_required",
    "prompt=none after logout",
  );
});

test("negative: tampered state is refused by openid-client before any token request", async () => {
  const { config, requests } = await discover("rp", secrets.rp, client.ClientSecretBasic(secrets.rp));
  const a = await authorize(config);
  const tampered = new URL(a.callback);
  tampered.searchParams.set("state", client.randomState());
  await rejectsWithClientCheck(
    client.authorizationCodeGrant(config, tampered, { pkceCodeVerifier: a.verifier, expectedState: a.state, expectedNonce: a.nonce }),
    /state/,
    "tampered state",
  );
  assert.equal(requests.filter((r) => r.url === config.serverMetadata().token_endpoint).length, 0, "no token request made");
  // The untouched response still works: the code was never spent.
  const tokens = await client.authorizationCodeGrant(config, a.callback, {
    pkceCodeVerifier: a.verifier, expectedState: a.state, expectedNonce: a.nonce,
  });
  assert.ok(tokens.id_token);
});

test("negative: tampered iss authorization response parameter is refused (RFC 9207)", async () => {
  const { config } = await discover("rp", secrets.rp, client.ClientSecretBasic(secrets.rp));
  const a = await authorize(config);
  const tampered = new URL(a.callback);
  tampered.searchParams.set("iss", "http://evil.example");
  await rejectsWithClientCheck(
    client.authorizationCodeGrant(config, tampered, { pkceCodeVerifier: a.verifier, expectedState: a.state, expectedNonce: a.nonce }),
    /iss/,
    "tampered iss",
  );
});

test("negative: wrong or missing PKCE code_verifier is invalid_grant", async () => {
  const { config } = await discover("rp", secrets.rp, client.ClientSecretBasic(secrets.rp));
  const wrong = await authorize(config);
  await rejectsWithOAuthError(
    client.authorizationCodeGrant(config, wrong.callback, {
      pkceCodeVerifier: client.randomPKCECodeVerifier(), expectedState: wrong.state, expectedNonce: wrong.nonce,
    }),
    "invalid_grant",
    "wrong code_verifier",
  );
  const missing = await authorize(config);
  await rejectsWithOAuthError(
    client.authorizationCodeGrant(config, missing.callback, { expectedState: missing.state, expectedNonce: missing.nonce }),
    "invalid_grant",
    "missing code_verifier",
  );
});

test("negative: a replayed authorization code is invalid_grant and revokes its tokens", async () => {
  const { config } = await discover("rp", secrets.rp, client.ClientSecretBasic(secrets.rp));
  const a = await authorize(config);
  const checks = { pkceCodeVerifier: a.verifier, expectedState: a.state, expectedNonce: a.nonce };
  const tokens = await client.authorizationCodeGrant(config, a.callback, checks);
  await rejectsWithOAuthError(client.authorizationCodeGrant(config, a.callback, checks), "invalid_grant", "replayed code");
  // RFC 6749 4.1.2 (SHOULD) / RFC 9700 4.5: Latchkey revokes what the code issued.
  assert.equal((await client.tokenIntrospection(config, tokens.access_token)).active, false, "access token revoked");
});

test("negative: wrong nonce is refused by openid-client's id_token validation", async () => {
  const { config } = await discover("rp", secrets.rp, client.ClientSecretBasic(secrets.rp));
  const a = await authorize(config);
  await rejectsWithClientCheck(
    client.authorizationCodeGrant(config, a.callback, {
      pkceCodeVerifier: a.verifier, expectedState: a.state, expectedNonce: client.randomNonce(),
    }),
    /nonce/,
    "wrong nonce",
  );
});

test("negative: public client without PKCE is refused at the authorization endpoint", async () => {
  const { config } = await discover("native", { token_endpoint_auth_method: "none" }, client.None());
  const redirectUri = `http://127.0.0.1:${await freePort()}/cb`;
  const a = await authorize(config, { redirectUri, pkce: false });
  await rejectsWithOAuthError(
    client.authorizationCodeGrant(config, a.callback, { expectedState: a.state, expectedNonce: a.nonce }),
    "invalid_request",
    "public client without code_challenge",
  );
});

test("negative: wrong client secret is invalid_client", async () => {
  const { config } = await discover("rp", "wrong-secret", client.ClientSecretBasic("wrong-secret"));
  const a = await authorize(config);
  const error = await client
    .authorizationCodeGrant(config, a.callback, { pkceCodeVerifier: a.verifier, expectedState: a.state, expectedNonce: a.nonce })
    .then(() => assert.fail("tokens issued for a wrong client secret"), (e) => e);
  // RFC 6749 5.2: 401 with a WWW-Authenticate challenge for Basic, and
  // error=invalid_client. openid-client surfaces a 401 with a challenge as
  // WWWAuthenticateChallengeError (body unread), otherwise as ResponseBodyError.
  if (error instanceof client.WWWAuthenticateChallengeError) {
    assert.equal(error.response.status, 401);
    assert.ok(error.cause.some((c) => c.scheme === "basic"), `Basic challenge: ${JSON.stringify(error.cause)}`);
    assert.equal((await error.response.json()).error, "invalid_client");
  } else {
    assert.ok(error instanceof client.ResponseBodyError, `got ${error?.constructor?.name}: ${error?.message}`);
    assert.equal(error.error, "invalid_client");
    assert.equal(error.status, 401);
  }
});
