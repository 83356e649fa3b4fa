// Real-browser end-to-end test of Latchkey.
//
// Headless Chromium (the Debian package) driven by playwright-core logs a
// user into the e2eproject Django site (django-allauth configured as
// Paperless-ngx configures it) through a real `latchkey serve` with
// LATCHKEY_MFA=required: forced TOTP enrolment, recovery codes, consent,
// password + TOTP, a wrong TOTP code, adding a passkey (CDP virtual
// authenticator), passkey as second factor, passwordless passkey sign-in
// (button, and autofill / conditional mediation), and a recovery code. Every page is screenshotted into
// tests/e2e/artifacts/browser/, the main Latchkey pages also in dark mode and
// at phone width.
//
// Run through run.sh. Environment:
//   LATCHKEY_BIN  the binary (default <repo>/target/debug/latchkey)
//   E2E_PYTHON    the venv python with Django + allauth (default <repo>/target/e2e-venv/bin/python)
//   CHROMIUM      the browser (default /usr/bin/chromium)
//   E2E_ONLY      comma-separated step ids to run (default: all)
// Prints PASS/FAIL per step, then `N passed, M failed[, K skipped]`; exits 1 on failure.
"use strict";

const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { chromium } = require("playwright-core");
const { Latchkey, Django, Smtp, sleep, tail } = require("./servers");
const { Totp } = require("./totp");

const REPO = path.resolve(__dirname, "../../..");
const ARTIFACTS = path.join(REPO, "tests/e2e/artifacts/browser");
const LATCHKEY_BIN = process.env.LATCHKEY_BIN || path.join(REPO, "target/debug/latchkey");
const PYTHON = process.env.E2E_PYTHON || path.join(REPO, "target/e2e-venv/bin/python");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const SMTP_PYTHON = process.env.LK_TEST_SMTP_PYTHON || path.join(REPO, "target/smtp-venv/bin/python");

const USERNAME = "alice";
const PASSWORD = "correct horse battery";
const EMAIL = "alice@example.com";
const GROUPS = ["admins", "staff"];
const CLIENT_ID = "paperless";
const PASSKEY_NAME = "E2E virtual key";
const PROVIDER_ID = "latchkey";
const LOGIN_PATH = `/accounts/oidc/${PROVIDER_ID}/login/`;
const CALLBACK_PATH = `/accounts/oidc/${PROVIDER_ID}/login/callback/`;

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const NAV_TIMEOUT = 60000; // a debug build hashes passwords slowly

// ---- state shared by the steps ---------------------------------------------

const latchkey = new Latchkey({ bin: LATCHKEY_BIN, workdir: null, artifacts: ARTIFACTS, mfa: "required" });
let django;
let smtp; // the test SMTP server: invitations, resets and notices land here
let browser;
let page;
let totp; // the "authenticator app"
let lastTotpStep = null; // Latchkey accepts each step once
let recoveryCodes = [];
let cdp; // the DevTools session holding the virtual authenticator
let authenticatorId;
let registrationOptions = null; // what /webauthn/register/start asked the authenticator for
let shotNo = 0;
let browserContext; // for clipboard permissions

const lk = (p) => `${latchkey.origin}${p}`;
const dj = (p) => `${django.origin}${p}`;
const atLatchkey = (pathname) => (u) => u.origin === latchkey.origin && u.pathname === pathname;
const atDjango = (u) => u.origin === django.origin;

// ---- helpers ------------------------------------------------------------------

/** Lets Latchkey's pages write the clipboard and this test read it. */
async function allowClipboard() {
  await browserContext.grantPermissions(["clipboard-read", "clipboard-write"], { origin: latchkey.origin });
}

async function clipboardText() {
  return page.evaluate(() => navigator.clipboard.readText());
}

/** The id of the focused element. */
async function focusedId() {
  return page.evaluate(() => (document.activeElement ? document.activeElement.id : ""));
}

/** Top edge of an element, in page pixels. */
async function topOf(selector) {
  return page.locator(selector).evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
}

class StepError extends Error {}

/** axe-core's WCAG 2.x A and AA rules (and best practices) on the current
 * page, if it is one of Latchkey's; a violation fails the step. Run through
 * DevTools evaluation, which the pages' CSP does not block, so the pages
 * are checked as they are served. */
const AXE_SOURCE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
let axeRuns = 0;
async function audit(label) {
  if (!latchkey.origin || !page.url().startsWith(latchkey.origin)) return;
  if (!(await page.evaluate(() => typeof window.axe !== "undefined"))) {
    await page.evaluate(AXE_SOURCE);
  }
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } }),
  );
  axeRuns++;
  if (result.violations.length) {
    const lines = result.violations.map(
      (v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`,
    );
    throw new StepError(`axe-core found ${result.violations.length} violation(s) on ${label} (${page.url()}):\n    ${lines.join("\n    ")}`);
  }
}

/** Saves a full-page screenshot named `NN-name.png`; with `variants`, also
 * `-dark`, `-phone` and `-phone-dark` of the same page (same DOM, re-rendered).
 * axe-core checks each of these page states. */
async function shot(name, { variants = false } = {}) {
  const base = `${String(++shotNo).padStart(2, "0")}-${name}`;
  const file = (suffix) => path.join(ARTIFACTS, `${base}${suffix}.png`);
  // animations: "disabled" ends CSS transitions (buttons fade their colours when
  // the colour scheme changes), so every variant shows its settled state.
  const opts = (suffix) => ({ path: file(suffix), fullPage: true, animations: "disabled" });
  await page.screenshot(opts(""));
  if (!name.startsWith("FAILED-")) await audit(base);
  if (variants) {
    try {
      await page.emulateMedia({ colorScheme: "dark" });
      await page.screenshot(opts("-dark"));
      await audit(`${base}-dark`);
      await page.setViewportSize(PHONE);
      await page.screenshot(opts("-phone-dark"));
      await audit(`${base}-phone-dark`);
      await page.emulateMedia({ colorScheme: "light" });
      await page.screenshot(opts("-phone"));
      await audit(`${base}-phone`);
    } finally {
      await page.emulateMedia({ colorScheme: "light" });
      await page.setViewportSize(DESKTOP);
    }
  }
  return `${base}.png`;
}

/** The page's visible text, shortened, for error messages. */
async function pageText(limit = 600) {
  try {
    const text = await page.locator("body").innerText({ timeout: 2000 });
    return text.replace(/\s+/g, " ").trim().slice(0, limit) || "(empty page)";
  } catch {
    return "(no page text)";
  }
}

/** Waits until the page has loaded a URL matching `pred`; explains a failure. */
async function expectAt(pred, what) {
  try {
    await page.waitForURL(pred, { timeout: NAV_TIMEOUT });
  } catch (e) {
    throw new StepError(`expected ${what}, but the browser is at ${page.url()}: ${await pageText()}`);
  }
}

function check(cond, message) {
  if (!cond) throw new StepError(message);
}

/** The current TOTP code for a step not used yet, waiting (computed from the
 * clock, not guessed) for the next 30 s step if the current one was used. */
async function freshTotpCode() {
  check(totp, "no TOTP secret was enrolled");
  let step = totp.step();
  if (lastTotpStep !== null && step <= lastTotpStep) {
    const wait = totp.msUntilStep(lastTotpStep + 1) + 250;
    console.log(`  waiting ${(wait / 1000).toFixed(1)}s for the next TOTP step`);
    await sleep(Math.max(wait, 0));
    step = totp.step();
  }
  lastTotpStep = step;
  return totp.codeAt(step);
}

/** Whether the virtual authenticator answers at once, as if the user touched
 * it. Chromium gives a conditional (autofill) passkey request on /login to the
 * virtual authenticator as if the user picked the passkey from the username
 * suggestions; turning presence off stands for a user who ignores them. */
async function setPasskeyPresence(enabled) {
  await cdp.send("WebAuthn.setAutomaticPresenceSimulation", { authenticatorId, enabled });
}

/** Latchkey's log lines with `event="NAME"` (the server logs every sign-in). */
function loggedEvents(name) {
  return fs.readFileSync(latchkey.log, "utf8").split("\n").filter((l) => l.includes(`event="${name}"`));
}

/** Successful logins in Latchkey's audit log lines, by method. */
function loggedLogins(method) {
  return loggedEvents("login_succeeded").filter((l) => l.includes(`detail="method=${method}"`));
}

/** Starts "Sign in with Latchkey" on Paperless: allauth's confirmation page
 * (GET renders a form that POSTs with the CSRF token), then Continue. */
async function startPaperlessLogin(tag) {
  await page.goto(dj(LOGIN_PATH));
  await page.getByRole("heading", { name: /Sign In Via Latchkey/i }).waitFor();
  await shot(`${tag}-paperless-login`);
  await page.getByRole("button", { name: "Continue" }).click();
  await expectAt(atLatchkey("/login"), `Latchkey's /login (from ${tag})`);
  await page.locator("#username").waitFor();
}

/** Fills the password form on /login. */
async function submitPassword(tag, { variants = false } = {}) {
  await shot(`${tag}-latchkey-login`, { variants });
  await page.fill("#username", USERNAME);
  await page.fill("#password", PASSWORD);
  await page.locator('form[action="/login"] button[type="submit"]').click();
}

/** Waits for the redirect back to Paperless and checks Django's session user. */
async function expectPaperlessLoggedIn(tag) {
  await expectAt(atDjango, "the redirect back to Paperless (Django)");
  const url = new URL(page.url());
  const text = await pageText();
  await shot(`${tag}-paperless-home`);
  check(
    url.pathname === "/",
    `allauth did not finish the login: at ${url.pathname}${url.search} (not LOGIN_REDIRECT_URL "/"): ${text}`,
  );
  check(text === `home, user=${USERNAME}`, `Django's home page shows ${JSON.stringify(text)}, expected user=${USERNAME}`);
}

/** After the password, Latchkey asks for the second factor. */
async function expectMfaPage(tag) {
  await expectAt(atLatchkey("/login/mfa"), "Latchkey's second-factor page /login/mfa");
  await page.getByRole("heading", { name: "Confirm it's you" }).waitFor();
}

/** Signs out of Latchkey (GET /logout, confirm) and out of Paperless. */
async function logoutEverywhere(tag) {
  await page.goto(lk("/logout"));
  // "Sign out?" asks to confirm; with no Latchkey session it says "Signed out" at once.
  const heading = page.getByRole("heading", { name: /^(Sign out\?|Signed out)$/ });
  await heading.waitFor();
  if ((await heading.innerText()).trim() === "Sign out?") {
    await shot(`${tag}-latchkey-logout`);
    await page.locator('form[action="/logout/confirm"] button[type="submit"]').click();
    await page.getByRole("heading", { name: "Signed out" }).waitFor({ timeout: NAV_TIMEOUT });
  }
  await shot(`${tag}-latchkey-signed-out`);

  await page.goto(dj("/accounts/logout/")); // ACCOUNT_LOGOUT_ON_GET, as in Paperless
  await expectAt((u) => atDjango(u) && u.pathname === "/", "Django's home after /accounts/logout/");
  const text = await pageText();
  check(text === "home, user=-", `Django still has a user after logout: ${JSON.stringify(text)}`);
}

/** Consent is asked once per client: allow it if shown. */
async function allowConsentIfAsked(tag) {
  await expectAt(
    (u) => atLatchkey("/consent")(u) || atDjango(u),
    "Latchkey's consent page or the redirect back to Paperless",
  );
  if (atLatchkey("/consent")(new URL(page.url()))) {
    await page.getByRole("heading", { name: "Allow access?" }).waitFor();
    await shot(`${tag}-latchkey-consent`, { variants: true });
    await page.locator('button[name="consent"][value="allow"]').click();
    return true;
  }
  return false;
}

// ---- the steps ----------------------------------------------------------------

// Each step names the steps it builds on; a step runs only if they passed.
const steps = [];
const step = (id, name, needs, fn) => steps.push({ id, name, needs, fn });

step("setup", "servers start; user, client and Django groups are set up", [], async () => {
  django = new Django({
    python: PYTHON,
    projectDir: path.join(REPO, "tests/e2e/allauth"),
    workdir: latchkey.workdir,
    artifacts: ARTIFACTS,
  });
  smtp = new Smtp({ python: SMTP_PYTHON, script: path.join(REPO, "tests/smtp/server.py"), artifacts: ARTIFACTS });
  await smtp.start();
  latchkey.extraEnv = smtp.env();
  await latchkey.start();
  const djPort = await django.pickPort();

  latchkey.cli(
    ["user", "add", USERNAME, "--email", EMAIL, "--name", "Alice Example", "--groups", GROUPS.join(","), "--password-stdin"],
    `${PASSWORD}\n`,
  );
  const out = latchkey.cli([
    "client", "add", CLIENT_ID, "--name", "Paperless",
    "--redirect-uri", `http://localhost:${djPort}${CALLBACK_PATH}`,
  ]);
  const m = out.match(/^client_secret: (\S+)$/m);
  check(m, `no "client_secret: ..." line in \`latchkey client add\` output:\n${out}`);

  // PAPERLESS_SOCIALACCOUNT_PROVIDERS, shaped as in Paperless's docs.
  django.configure({
    openid_connect: {
      SCOPE: ["openid", "profile", "email", "groups"],
      OAUTH_PKCE_ENABLED: true,
      APPS: [
        {
          provider_id: PROVIDER_ID,
          name: "Latchkey",
          client_id: CLIENT_ID,
          secret: m[1],
          settings: {
            server_url: latchkey.origin,
            token_auth_method: "client_secret_basic",
            oauth_pkce_enabled: true,
            fetch_userinfo: true,
          },
        },
      ],
    },
  });
  await django.start();
  django.shell(
    "from django.contrib.auth.models import Group\n" +
      GROUPS.map((g) => `Group.objects.get_or_create(name=${JSON.stringify(g)})`).join("\n"),
  );
});

step("a", "a. first login: password, forced TOTP enrolment, recovery codes, consent", ["setup"], async () => {
  await startPaperlessLogin("a");
  await submitPassword("a", { variants: true });

  await expectAt(atLatchkey("/enroll"), "the forced enrolment page /enroll (LATCHKEY_MFA=required)");
  await page.getByRole("heading", { name: "Protect your account" }).waitFor();
  // The QR code must really be an image the browser decoded.
  const qr = page.locator(".qr img");
  await qr.waitFor();
  const qrSize = await qr.evaluate((img) => [img.complete, img.naturalWidth, img.naturalHeight]);
  check(qrSize[0] && qrSize[1] > 0 && qrSize[2] > 0, `the enrolment QR code image did not load (${qrSize})`);
  await shot("a-latchkey-enroll-forced", { variants: true });

  totp = Totp.fromUri(await page.locator("a#otpauth-uri").getAttribute("href"));
  const shownSecret = (await page.locator("code.secret").innerText()).replace(/\s/g, "");
  const uriSecret = new URL(await page.locator("a#otpauth-uri").getAttribute("href")).searchParams.get("secret");
  check(shownSecret === uriSecret, `the key shown (${shownSecret}) differs from the otpauth URI's (${uriSecret})`);

  // Issue 14 item 7: phone first. At phone width the "open in your app"
  // button and the key come before the QR code; on a desktop the QR leads.
  check((await topOf("#otpauth-uri")) > (await topOf(".qr img")), "on a desktop the QR code should come first");
  await page.setViewportSize(PHONE);
  try {
    const button = await topOf("#otpauth-uri");
    const key = await topOf("#totp-secret");
    const qrTop = await topOf(".qr img");
    check(button < qrTop && key < qrTop, `at phone width the app button (${button}) and key (${key}) must come before the QR code (${qrTop})`);
    const box = await page.locator("#otpauth-uri").boundingBox();
    check(box && box.height >= 40 && box.width >= 200, `the "open in your app" button is not big enough to tap: ${JSON.stringify(box)}`);
  } finally {
    await page.setViewportSize(DESKTOP);
  }
  // The key's Copy button puts the key, without spaces, on the clipboard.
  await allowClipboard();
  await page.locator("#secret-copy").click();
  await page.locator("#secret-status", { hasText: "Copied" }).waitFor();
  const copied = await clipboardText();
  check(copied === uriSecret, `Copy key put ${JSON.stringify(copied)} on the clipboard, expected ${uriSecret}`);

  // A wrong code: the page comes back with the code field focused.
  await page.locator('form[action="/enroll/totp"] #code').fill(totp.wrongCode());
  await page.locator('form[action="/enroll/totp"] button[type="submit"]').click();
  await page.locator("#code-error").waitFor({ timeout: NAV_TIMEOUT });
  check((await focusedId()) === "code", `after a wrong code the focus is on #${await focusedId()}, not #code`);
  check((await page.locator("#code").getAttribute("aria-invalid")) === "true", "the code field is not aria-invalid after a wrong code");
  check(/^Error: /.test(await page.title()), `the page title does not name the error: ${await page.title()}`);
  await shot("a-latchkey-enroll-wrong-code", { variants: true });

  const enrollForm = page.locator('form[action="/enroll/totp"]');
  await enrollForm.locator("#code").fill(await freshTotpCode());
  await enrollForm.locator('button[type="submit"]').click();

  await expectAt(atLatchkey("/enroll/recovery"), "the recovery codes page /enroll/recovery");
  const codes = page.locator("#recovery-codes code");
  await codes.first().waitFor();
  recoveryCodes = (await codes.allInnerTexts()).map((c) => c.trim());
  check(recoveryCodes.length === 10, `expected 10 recovery codes, got ${recoveryCodes.length}`);
  check(new Set(recoveryCodes).size === 10, "recovery codes are not all different");
  await checkRecoveryCodeButtons(recoveryCodes);
  await shot("a-latchkey-recovery-codes", { variants: true });
  await page.locator('form[action="/enroll/recovery"] button[type="submit"]').click();

  const consented = await allowConsentIfAsked("a");
  check(consented, "a new (non-trusted) client's first login showed no consent page");
  await expectPaperlessLoggedIn("a");

  const who = django.shell(
    "from django.contrib.auth.models import User; u=User.objects.get(username='alice'); " +
      "print(u.email, sorted(g.name for g in u.groups.all()))",
  );
  check(who === `${EMAIL} ['admins', 'staff']`, `Django user is ${JSON.stringify(who)}, expected "${EMAIL} ['admins', 'staff']"`);
});

step("b", "b+g. password + TOTP login; a wrong TOTP code is refused first", ["a"], async () => {
  await logoutEverywhere("b");
  await startPaperlessLogin("b");
  await submitPassword("b");
  await expectMfaPage("b");
  await shot("b-latchkey-mfa-totp", { variants: true });

  // g. A wrong code: an error, and still on /login/mfa.
  await page.fill("#code", totp.wrongCode());
  await page.locator('form[action="/login/mfa"]:has(#code) button[type="submit"]').click();
  const alert = page.locator(".alert.error");
  try {
    await alert.waitFor({ state: "visible", timeout: NAV_TIMEOUT });
  } catch {
    throw new StepError(`no .alert.error after a wrong TOTP code; at ${page.url()}: ${await pageText()}`);
  }
  check(atLatchkey("/login/mfa")(new URL(page.url())), `a wrong TOTP code left /login/mfa for ${page.url()}`);
  const message = (await alert.innerText()).trim();
  check(/not valid/i.test(message), `unexpected error text for a wrong code: ${JSON.stringify(message)}`);
  await shot("g-latchkey-mfa-wrong-code", { variants: true });

  // The right code, from a TOTP step not used at enrolment.
  await page.fill("#code", await freshTotpCode());
  await page.locator('form[action="/login/mfa"]:has(#code) button[type="submit"]').click();
  await expectPaperlessLoggedIn("b");
});

step("c", "c. add a passkey from the account page", ["b"], async () => {
  await page.goto(lk("/account"));
  await expectAt(atLatchkey("/account"), "the account page /account");
  await page.getByRole("heading", { name: "Your account" }).waitFor();
  await shot("c-latchkey-account", { variants: true });

  await page.getByRole("link", { name: "Add a passkey" }).click();
  await expectAt(atLatchkey("/enroll"), "/enroll (from the account page)");
  await page.locator("#passkey-register-button").waitFor();
  await shot("c-latchkey-enroll", { variants: true });
  await page.fill("#passkey-name", PASSKEY_NAME);
  const startResp = page.waitForResponse((r) => r.url() === lk("/webauthn/register/start"));
  await page.click("#passkey-register-button");
  registrationOptions = await (await startResp).json().catch(() => null);
  try {
    await page.waitForURL(atLatchkey("/account"), { timeout: NAV_TIMEOUT });
  } catch {
    const err = await page.locator("#passkey-error").innerText().catch(() => "");
    throw new StepError(`passkey registration did not go to /account (at ${page.url()}); #passkey-error: ${JSON.stringify(err)}`);
  }
  const row = page.locator("#passkeys table.list tbody tr", { hasText: PASSKEY_NAME });
  try {
    await row.waitFor({ timeout: 5000 });
  } catch {
    throw new StepError(`the account page does not list the passkey ${JSON.stringify(PASSKEY_NAME)}: ${await pageText(2000)}`);
  }
  await shot("c-latchkey-account-with-passkey", { variants: true });
  const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
  check(credentials.length === 1, `the virtual authenticator holds ${credentials.length} credentials, expected 1`);
});

step("zoom", "the account page's tables do not clip at 200 % zoom (issue 14, item 11)", ["c"], async () => {
  await page.goto(lk("/account"));
  await page.getByRole("heading", { name: "Your account" }).waitFor();
  // 200 % zoom of a 1280 px wide window is a 640 px wide CSS viewport;
  // 100 % must not clip either.
  for (const [zoom, viewport] of [["100", DESKTOP], ["200", { width: DESKTOP.width / 2, height: DESKTOP.height / 2 }]]) {
    await page.setViewportSize(viewport);
    try {
      await shot(`zoom-latchkey-account-${zoom}`);
      const clipped = await page.evaluate(() => {
        const out = [];
        const width = document.documentElement.clientWidth;
        if (document.documentElement.scrollWidth > width) {
          out.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} > ${width} px`);
        }
        for (const table of document.querySelectorAll("#passkeys table, #sessions table, #apps table")) {
          const box = table.getBoundingClientRect();
          if (box.right > width + 0.5 || box.left < -0.5) out.push(`${table.closest("section").id}: table spans ${box.left}..${box.right} of ${width} px`);
          const wrap = table.closest(".table-wrap");
          if (wrap && wrap.scrollWidth > wrap.clientWidth + 1) {
            out.push(`${table.closest("section").id}: the table needs ${wrap.scrollWidth} px of its ${wrap.clientWidth} px and is cut`);
          }
          for (const cell of table.querySelectorAll("td, th")) {
            const visible = cell.getBoundingClientRect().width > 0;
            if (visible && cell.scrollWidth > cell.clientWidth + 1) {
              out.push(`${table.closest("section").id}: a cell's content is cut (${cell.scrollWidth} > ${cell.clientWidth} px): ${cell.innerText.slice(0, 40)}`);
            }
          }
        }
        return out;
      });
      const tables = await page.locator("#passkeys table, #sessions table").count();
      check(tables >= 2, `the account page has ${tables} of its passkey and session tables`);
      check(clipped.length === 0, `at ${zoom} % zoom:\n    ${clipped.join("\n    ")}`);
    } finally {
      await page.setViewportSize(DESKTOP);
    }
  }
});

step("d", "d. password, then the passkey as second factor", ["c"], async () => {
  await logoutEverywhere("d");
  await setPasskeyPresence(false); // the user types the password, ignoring passkey autofill
  await startPaperlessLogin("d");
  await submitPassword("d");
  await expectMfaPage("d");
  await setPasskeyPresence(true);
  const button = page.locator("#passkey-button");
  await button.waitFor({ state: "visible" });
  check((await button.innerText()).trim() === "Use your passkey", `second-factor passkey button reads ${JSON.stringify(await button.innerText())}`);
  await shot("d-latchkey-mfa-passkey", { variants: true });
  const before = loggedLogins("passkey").length;
  await button.click();
  try {
    await page.waitForURL(atDjango, { timeout: NAV_TIMEOUT });
  } catch {
    const err = await page.locator("#passkey-error").innerText().catch(() => "");
    throw new StepError(`passkey second factor did not return to Paperless (at ${page.url()}); #passkey-error: ${JSON.stringify(err)}`);
  }
  await expectPaperlessLoggedIn("d");
  const events = loggedLogins("passkey").slice(before);
  check(
    events.length === 1 && events[0].includes('detail="method=passkey"'),
    `Latchkey did not log one passkey second factor: ${JSON.stringify(events)}`,
  );
});

step("e", "e. passwordless sign-in with the passkey", ["c"], async () => {
  await logoutEverywhere("e");
  await setPasskeyPresence(false); // not through autofill: through the button
  await startPaperlessLogin("e");
  const button = page.locator("#passkey-button");
  await button.waitFor({ state: "visible" });
  check((await button.innerText()).trim() === "Sign in with a passkey", `login passkey button reads ${JSON.stringify(await button.innerText())}`);
  await shot("e-latchkey-login-passkey");
  check((await page.inputValue("#password")) === "", "the password field is not empty");
  await setPasskeyPresence(true);
  const before = loggedLogins("passkey_passwordless").length;
  // The click starts its own ceremony (and aborts the pending autofill one).
  const started = page.waitForRequest((r) => r.url() === lk("/webauthn/login/start") && r.method() === "POST");
  await button.click();
  await started;
  try {
    await page.waitForURL(atDjango, { timeout: NAV_TIMEOUT });
  } catch {
    const err = await page.locator("#passkey-error").innerText().catch(() => "");
    // An empty allowCredentials list can only be answered by a discoverable credential.
    const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
    const why = credentials.some((c) => c.isResidentCredential)
      ? ""
      : "; the passkey made in step c is NOT discoverable (not a resident credential): " +
        "/webauthn/register/start asked for authenticatorSelection " +
        `${JSON.stringify(registrationOptions?.publicKey?.authenticatorSelection)}, ` +
        'but passwordless sign-in needs residentKey "required" (or "preferred")';
    throw new StepError(
      `passwordless passkey sign-in did not return to Paperless (at ${page.url()}); #passkey-error: ${JSON.stringify(err)}${why}`,
    );
  }
  await expectPaperlessLoggedIn("e");
  const events = loggedLogins("passkey_passwordless").slice(before);
  check(events.length === 1, `Latchkey logged ${events.length} passwordless logins, expected 1`);
});

step("e2", "e2. passkey autofill (conditional mediation) on /login signs in", ["e"], async () => {
  await logoutEverywhere("e2");
  const before = loggedLogins("passkey_passwordless").length;
  // Presence is on: Chromium hands the autofill request of /login to the
  // virtual authenticator, which answers as if the user picked the passkey.
  await page.goto(dj(LOGIN_PATH));
  await page.getByRole("heading", { name: /Sign In Via Latchkey/i }).waitFor();
  await shot("e2-paperless-login");
  await page.getByRole("button", { name: "Continue" }).click();
  try {
    await page.waitForURL(atDjango, { timeout: NAV_TIMEOUT });
  } catch {
    const err = await page.locator("#passkey-error").innerText().catch(() => "");
    throw new StepError(`passkey autofill did not sign in (at ${page.url()}); #passkey-error: ${JSON.stringify(err)}`);
  }
  await expectPaperlessLoggedIn("e2");
  const events = loggedLogins("passkey_passwordless").slice(before);
  check(events.length === 1, `Latchkey logged ${events.length} passwordless logins, expected 1`);
});

step("f", "f. password, then a recovery code", ["a"], async () => {
  await logoutEverywhere("f");
  if (authenticatorId) await setPasskeyPresence(false); // the user types the password
  await startPaperlessLogin("f");
  await submitPassword("f");
  await expectMfaPage("f");
  const details = page.locator("details.recovery");
  await details.locator("summary").click();
  await page.locator("#recovery_code").waitFor({ state: "visible" });
  const code = recoveryCodes.shift();
  check(code, "no saved recovery code");
  await page.fill("#recovery_code", code);
  await shot("f-latchkey-mfa-recovery", { variants: true });
  await details.locator('button[type="submit"]').click();

  const cont = page.locator("a#continue");
  try {
    await cont.waitFor({ timeout: NAV_TIMEOUT });
  } catch {
    throw new StepError(`no "Continue" link after a recovery code (at ${page.url()}): ${await pageText()}`);
  }
  const text = await pageText();
  check(/You have 9 recovery codes left/.test(text), `expected "You have 9 recovery codes left": ${text}`);
  await shot("f-latchkey-recovery-code-used", { variants: true });
  await cont.click();
  await expectPaperlessLoggedIn("f");
});

/** Issue 14 item 8: the recovery codes page has Copy, Download (.txt) and
 * Print, and its "store them safely" advice is not an alert. */
async function checkRecoveryCodeButtons(codes) {
  await allowClipboard();
  await page.locator("#codes-copy").click();
  await page.locator("#codes-status", { hasText: "Copied" }).waitFor();
  const copied = (await clipboardText()).trim().split("\n");
  check(JSON.stringify(copied) === JSON.stringify(codes), `Copy codes put ${JSON.stringify(copied)} on the clipboard`);
  const download = page.locator("a#codes-download");
  check(await download.isVisible(), "no visible Download link");
  check((await download.getAttribute("download")).endsWith(".txt"), "the download is not a .txt file");
  const [file] = await Promise.all([page.waitForEvent("download"), download.click()]);
  check(file.suggestedFilename().endsWith(".txt"), `downloaded ${file.suggestedFilename()}`);
  const saved = fs.readFileSync(await file.path(), "utf8");
  for (const c of codes) check(saved.includes(c), `the downloaded file lacks code ${c}: ${saved}`);
  check(await page.locator("#codes-print").isVisible(), "no visible Print button");
  check((await page.locator("#codes-advice").getAttribute("role")) === null, "the advice is still role=alert");
  check((await page.locator('[role="alert"]').count()) === 0, "the recovery codes page has an alert");
}

step("h", "h. destructive actions ask first: Make new codes, Cancel, then confirm (issue 14 item 6)", ["f"], async () => {
  await page.goto(lk("/account"));
  await expectAt(atLatchkey("/account"), "the account page /account");
  const left = await page.locator("#recovery p.muted").innerText();
  await page.locator('form[action="/account/recovery"] button[type="submit"]').click();
  await page.getByRole("heading", { name: "Make new recovery codes?" }).waitFor({ timeout: NAV_TIMEOUT });
  check((await page.locator("#recovery-codes").count()) === 0, "codes were made before the confirmation");
  await shot("h-latchkey-confirm-new-codes", { variants: true });
  // Cancel: back on the account page, the old codes kept.
  await page.locator("a#confirm-cancel").click();
  await expectAt(atLatchkey("/account"), "the account page after Cancel");
  const after = await page.locator("#recovery p.muted").innerText();
  check(after === left, `Cancel changed the codes: ${JSON.stringify(left)} -> ${JSON.stringify(after)}`);
  // Confirm: new codes, shown once, with the same buttons.
  await page.locator('form[action="/account/recovery"] button[type="submit"]').click();
  await page.locator("#confirm-button").click();
  const codes = page.locator("#recovery-codes code");
  await codes.first().waitFor({ timeout: NAV_TIMEOUT });
  const fresh = (await codes.allInnerTexts()).map((c) => c.trim());
  check(fresh.length === 10 && !fresh.includes(recoveryCodes[0]), "the confirmed step did not make new codes");
  await checkRecoveryCodeButtons(fresh);
  recoveryCodes = fresh;

  // Signing out this session also asks, and Cancel keeps the login.
  await page.goto(lk("/account"));
  await page.locator("#sessions form button[type=submit]").first().click();
  await page.getByRole("heading", { name: "Sign out this session?" }).waitFor({ timeout: NAV_TIMEOUT });
  await page.locator("a#confirm-cancel").click();
  await expectAt(atLatchkey("/account"), "the account page after cancelling a sign-out");
});

step("i2", "item 2: an abandoned app sign-in does not take over the account page; 'sign in as someone else' keeps the app (issue 14)", ["b"], async () => {
  await logoutEverywhere("i2");
  if (authenticatorId) await setPasskeyPresence(false); // the user types the password
  await startPaperlessLogin("i2");
  const forApp = (await page.locator(".lead").innerText()).trim();
  check(/Paperless/.test(forApp), `the app's sign-in page does not name Paperless: ${JSON.stringify(forApp)}`);
  // The user gives up on Paperless and opens the account page instead.
  await page.goto(lk("/account"));
  await expectAt(atLatchkey("/login"), "/login, for the account page");
  const forAccount = (await page.locator(".lead").innerText()).trim();
  check(!/Paperless/.test(forAccount), `the account page's sign-in still says ${JSON.stringify(forAccount)}`);
  await submitPassword("i2");
  await expectMfaPage("i2");
  await page.fill("#code", await freshTotpCode());
  await page.locator('form[action="/login/mfa"]:has(#code) button[type="submit"]').click();
  await expectAt(atLatchkey("/account"), "the account page (not Paperless) after signing in for it");

  // From the app again: on the second step, "Sign in as someone else" goes
  // back to a sign-in that still continues to Paperless.
  await logoutEverywhere("i2-switch");
  await startPaperlessLogin("i2-switch");
  await submitPassword("i2-switch");
  await expectMfaPage("i2-switch");
  await page.locator("form.switch-user button").click();
  await expectAt(atLatchkey("/login"), "/login after 'Sign in as someone else'");
  const switched = (await page.locator(".lead").innerText()).trim();
  check(/Paperless/.test(switched), `after switching user the sign-in lost the app: ${JSON.stringify(switched)}`);
  await shot("i2-latchkey-switch-user");
  await submitPassword("i2-again");
  await expectMfaPage("i2-again");
  await page.fill("#code", await freshTotpCode());
  await page.locator('form[action="/login/mfa"]:has(#code) button[type="submit"]').click();
  await expectPaperlessLoggedIn("i2-again");
});

/** A message of a Latchkey catalogue (locales/CODE/main.ftl), for
 * one-line messages without arguments. */
function catalogue(code, key) {
  const text = fs.readFileSync(path.join(REPO, "locales", code, "main.ftl"), "utf8");
  const line = text.split("\n").find((l) => l.startsWith(`${key} = `));
  check(line, `locales/${code}/main.ftl has no one-line message ${key}`);
  return line.slice(key.length + 3).trim();
}

step("de", "German: a sign-in from Paperless in a browser set to German, every Latchkey page in German (issue 14)", ["b"], async () => {
  const english = page;
  const german = await browser.newContext({ viewport: PHONE, colorScheme: "light", locale: "de-DE" });
  german.setDefaultTimeout(15000);
  german.setDefaultNavigationTimeout(NAV_TIMEOUT);
  page = await german.newPage();
  try {
    await startPaperlessLogin("de");
    check((await page.getAttribute("html", "lang")) === "de", `the login page's <html lang> is not "de"`);
    const heading = (await page.locator("h1").innerText()).trim();
    check(heading === catalogue("de", "login-title"), `the German login page's heading is ${JSON.stringify(heading)}`);
    check(heading !== catalogue("en", "login-title"), "the German heading is the English one");
    const label = (await page.locator('label[for="password"]').innerText()).trim();
    check(label === catalogue("de", "login-password"), `password label ${JSON.stringify(label)}`);
    const picked = await page.locator("#language-select").inputValue();
    check(picked === "de", `the footer's language picker shows ${picked}, not de`);
    // A wrong password: the error is German too.
    await page.fill("#username", USERNAME);
    await page.fill("#password", "not the password");
    await page.locator('form[action="/login"] button[type="submit"]').click();
    await page.locator("#login-error").waitFor({ timeout: NAV_TIMEOUT });
    const error = (await page.locator("#login-error").innerText()).trim();
    check(error === catalogue("de", "login-bad-credentials"), `wrong-password error ${JSON.stringify(error)}`);
    await shot("de-latchkey-login-error");
    await submitPassword("de");
    await expectAt(atLatchkey("/login/mfa"), "the second-factor page /login/mfa");
    const mfa = (await page.locator("h1").innerText()).trim();
    check(mfa === catalogue("de", "mfa-heading"), `the German second-factor heading is ${JSON.stringify(mfa)}`);
    await shot("de-latchkey-mfa");
    await page.fill("#code", await freshTotpCode());
    await page.locator('form[action="/login/mfa"]:has(#code) button[type="submit"]').click();
    await expectPaperlessLoggedIn("de");
  } finally {
    await german.close();
    page = english;
  }
});

// Last: it locks alice's second factor for a while.
// ---- issue 15: invitations and forgotten passwords, by email ---------------------

const INVITEE = "ivy";
const INVITEE_EMAIL = "ivy@example.org";
const INVITEE_PASSWORD = "ivy's first password";
const INVITEE_NEW_PASSWORD = "ivy's second password";
let inviteeTotp;
let inviteeLastStep = null;

/** A fresh code of the invitee's authenticator (each step is accepted once). */
async function inviteeCode() {
  let s = inviteeTotp.step();
  if (inviteeLastStep !== null && s <= inviteeLastStep) {
    await sleep(Math.max(inviteeTotp.msUntilStep(inviteeLastStep + 1) + 250, 0));
    s = inviteeTotp.step();
  }
  inviteeLastStep = s;
  return inviteeTotp.codeAt(s);
}

/** The one link to `pathname` in a message's plain text. */
function linkIn(message, pathname) {
  const m = (message.text || "").match(/https?:\/\/[^\s()<>]+/g) || [];
  const link = m.find((u) => {
    try {
      return new URL(u).pathname === pathname;
    } catch {
      return false;
    }
  });
  check(link, `no ${pathname} link in the message ${JSON.stringify(message.subject)}:\n${message.text}`);
  return link;
}

/** Back at Paperless as `username`. */
async function expectPaperlessUser(tag, username) {
  await expectAt(atDjango, "the redirect back to Paperless (Django)");
  const text = await pageText();
  await shot(`${tag}-paperless-home`);
  check(text === `home, user=${username}`, `Django's home page shows ${JSON.stringify(text)}, expected user=${username}`);
}

step("v1", "invitation: `latchkey invite create` emails a link; the invitee sets a password, enrolls TOTP and signs in to Paperless (issue 15)", ["setup"], async () => {
  await logoutEverywhere("v1");
  const since = smtp.messages.length;
  const created = JSON.parse(latchkey.cli(["invite", "create", "--email", INVITEE_EMAIL, "--groups", "staff", "--json"]));
  check(created.emailed === true && !created.url, `invite create did not email the link: ${JSON.stringify(created)}`);
  const mail = await smtp.next((m) => m.to.includes(INVITEE_EMAIL), { since });
  check(/invited/.test(mail.subject), `invitation subject ${JSON.stringify(mail.subject)}`);
  check(!/<img|src=/i.test(mail.html), "the invitation's HTML refers to images");
  await page.goto(linkIn(mail, "/invite"));
  await page.getByRole("heading", { name: "Create your account" }).waitFor();
  await shot("v1-latchkey-invite", { variants: true });
  await page.fill("#username", INVITEE);
  await page.fill("#new_password", INVITEE_PASSWORD);
  await page.fill("#confirm_password", INVITEE_PASSWORD);
  await page.locator("#invite-submit").click();

  await expectAt(atLatchkey("/enroll"), "enrolment after the invitation (LATCHKEY_MFA=required)");
  inviteeTotp = Totp.fromUri(await page.locator("a#otpauth-uri").getAttribute("href"));
  const enroll = page.locator('form[action="/enroll/totp"]');
  await enroll.locator("#code").fill(await inviteeCode());
  await enroll.locator('button[type="submit"]').click();
  await expectAt(atLatchkey("/enroll/recovery"), "the invitee's recovery codes");
  await page.locator("#recovery-codes code").first().waitFor();
  await page.locator('form[action="/enroll/recovery"] button[type="submit"]').click();

  // The first sign-in to Paperless: Latchkey already knows the invitee, so
  // the consent page comes straight away.
  await page.goto(dj(LOGIN_PATH));
  await page.getByRole("button", { name: "Continue" }).click();
  check(await allowConsentIfAsked("v1"), "the invitee's first Paperless sign-in showed no consent page");
  await expectPaperlessUser("v1", INVITEE);
  const who = django.shell(
    "from django.contrib.auth.models import User; from allauth.account.models import EmailAddress; " +
      `u=User.objects.get(username='${INVITEE}'); e=EmailAddress.objects.get(user=u); ` +
      "print(u.email, e.verified, sorted(g.name for g in u.groups.all()))",
  );
  check(who === `${INVITEE_EMAIL} True ['staff']`, `Django recorded ${JSON.stringify(who)} for the invitee`);
  // The link worked once.
  await page.goto(linkIn(mail, "/invite"));
  await page.getByText("invalid, expired, revoked or already used").waitFor();
});

step("r1", "forgotten password: the same answer for an unknown user; the emailed link needs a TOTP code before a new password; then Paperless with the new password (issue 15)", ["v1"], async () => {
  await logoutEverywhere("r1");
  const answer = async (who) => {
    await page.goto(lk("/login"));
    await page.locator("#forgot-password").click();
    await expectAt(atLatchkey("/reset"), "the reset request page");
    await page.fill("#who", who);
    await page.locator('#reset-form button[type="submit"]').click();
    await page.locator("#reset-sent").waitFor();
    return page.locator("main").innerText();
  };
  const since = smtp.messages.length;
  const unknown = await answer("nobody-by-this-name");
  const known = await answer(INVITEE);
  check(unknown === known, `the answers differ:\n${unknown}\n---\n${known}`);
  await shot("r1-latchkey-reset-sent", { variants: true });
  const mail = await smtp.next((m) => m.to.includes(INVITEE_EMAIL) && /password/i.test(m.subject), { since });
  const link = linkIn(mail, "/reset/link");

  await page.goto(link);
  await expectAt(atLatchkey("/reset/verify"), "the reset's second-factor step");
  await page.getByRole("heading", { name: "Prove it is you" }).waitFor();
  await shot("r1-latchkey-reset-factor", { variants: true });
  // The link alone sets no password.
  const refused = await page.goto(lk("/reset/password"));
  check(refused.status() === 400, `/reset/password before the factor answered ${refused.status()}`);
  check((await pageText()).includes("second factor first"), `the refusal says: ${await pageText()}`);

  await page.goto(lk("/reset/verify"));
  await page.fill("#code", await inviteeCode());
  await page.locator('form[action="/reset/verify"]:has(#code) button[type="submit"]').click();
  await expectAt(atLatchkey("/reset/password"), "the new-password step");
  await shot("r1-latchkey-reset-password");
  await page.fill("#new_password", INVITEE_NEW_PASSWORD);
  await page.fill("#confirm_password", INVITEE_NEW_PASSWORD);
  await page.locator('#reset-password-form button[type="submit"]').click();
  await page.getByRole("heading", { name: "Password changed" }).waitFor({ timeout: NAV_TIMEOUT });

  await startPaperlessLogin("r1");
  await page.fill("#username", INVITEE);
  await page.fill("#password", INVITEE_NEW_PASSWORD);
  await page.locator('form[action="/login"] button[type="submit"]').click();
  await expectMfaPage("r1");
  await page.fill("#code", await inviteeCode());
  await page.locator('form[action="/login/mfa"]:has(#code) button[type="submit"]').click();
  await allowConsentIfAsked("r1");
  await expectPaperlessUser("r1", INVITEE);
  const notice = await smtp.next((m) => m.to.includes(INVITEE_EMAIL) && /password was changed/.test(m.subject), { since });
  check(/account/.test(linkIn(notice, "/account")), "the notice links to the account page");
});

step("i1", "item 1: five wrong codes keep the user on the code step, saying how long to wait (issue 14)", ["b"], async () => {
  await logoutEverywhere("i1");
  if (authenticatorId) await setPasskeyPresence(false);
  await startPaperlessLogin("i1");
  await submitPassword("i1");
  await expectMfaPage("i1");
  for (let n = 1; n <= 5; n++) {
    await page.fill("#code", totp.wrongCode());
    await page.locator('form[action="/login/mfa"]:has(#code) button[type="submit"]').click();
    await page.locator("#mfa-error").waitFor({ timeout: NAV_TIMEOUT });
    check(atLatchkey("/login/mfa")(new URL(page.url())), `wrong code ${n} left the code step for ${page.url()}`);
  }
  const message = (await page.locator("#mfa-error").innerText()).trim();
  check(/Wait about \d+ (seconds?|minutes?)/.test(message), `the fifth wrong code says ${JSON.stringify(message)}`);
  check((await focusedId()) === "code", `after the lock the focus is on ${await focusedId()}, not the code field`);
  await shot("i1-latchkey-mfa-locked", { variants: true });
});

// ---- runner -------------------------------------------------------------------

async function main() {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  for (const f of fs.readdirSync(ARTIFACTS)) {
    if (f.endsWith(".png") || f.endsWith(".log")) fs.rmSync(path.join(ARTIFACTS, f));
  }
  check(fs.existsSync(LATCHKEY_BIN), `no Latchkey binary at ${LATCHKEY_BIN} (cargo build, or set LATCHKEY_BIN)`);
  check(fs.existsSync(PYTHON), `no Python at ${PYTHON} (run.sh creates the venv)`);
  const workdir = fs.mkdtempSync(path.join(os.tmpdir(), "latchkey-browser-e2e-"));
  latchkey.workdir = workdir;

  let passed = 0;
  let failed = 0;
  let skipped = 0;
  let context;
  const cleanup = async () => {
    await browser?.close().catch(() => {});
    await django?.stop().catch(() => {});
    await latchkey.stop().catch(() => {});
    await smtp?.stop().catch(() => {});
  };
  const onSignal = (sig) => {
    cleanup().finally(() => process.exit(sig === "SIGINT" ? 130 : 143));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--no-sandbox",
        "--headless",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    });
    context = await browser.newContext({ viewport: DESKTOP, colorScheme: "light", locale: "en-US" });
    browserContext = context;
    context.setDefaultTimeout(15000);
    context.setDefaultNavigationTimeout(NAV_TIMEOUT);
    page = await context.newPage();
    // Passkeys: a CTAP2 platform authenticator that always says yes (user
    // present and verified), attached to this tab.
    cdp = await context.newCDPSession(page);
    await cdp.send("WebAuthn.enable");
    ({ authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
      options: {
        protocol: "ctap2",
        transport: "internal",
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    }));
    const consoleErrors = [];
    page.on("console", (msg) => {
      if (msg.type() === "error") consoleErrors.push(`${page.url()}: ${msg.text()}`);
    });
    page.on("pageerror", (err) => consoleErrors.push(`${page.url()}: ${err.message}`));

    const status = {}; // step id -> "pass" | "fail" | "skip"
    // E2E_ONLY=setup,v1,r1 runs just those steps (while working on them).
    const only = process.env.E2E_ONLY ? new Set(process.env.E2E_ONLY.split(",")) : null;
    for (const { id, name, needs, fn } of steps) {
      if (only && !only.has(id)) {
        console.log(`SKIP ${name} (not in E2E_ONLY)`);
        status[id] = "skip";
        skipped++;
        continue;
      }
      const missing = needs.filter((n) => status[n] !== "pass");
      if (missing.length) {
        console.log(`SKIP ${name} (needs step ${missing.join(", ")})`);
        status[id] = "skip";
        skipped++;
        continue;
      }
      try {
        await fn();
        console.log(`PASS ${name}`);
        status[id] = "pass";
        passed++;
      } catch (e) {
        let shotName = "(no screenshot)";
        try {
          shotName = await shot(`FAILED-${id}`);
        } catch {
          /* page gone */
        }
        console.log(`FAIL ${name}: ${e instanceof StepError ? e.message : e.stack || e}`);
        console.log(`  screenshot: ${path.join(ARTIFACTS, shotName)}; page: ${page?.url()}`);
        console.log(`  latchkey log (${latchkey.log}):\n${indent(tail(latchkey.log, 25))}`);
        if (django?.log) console.log(`  django log (${django.log}):\n${indent(tail(django.log, 25))}`);
        status[id] = "fail";
        failed++;
      }
    }
    // CSP violations or script errors on Latchkey's pages are failures too.
    // (A 400/401/429 document is an error page this test asked for, e.g. a wrong TOTP code or the lock after five.)
    const lkErrors = consoleErrors.filter(
      (e) => e.startsWith(latchkey.origin || "-") && !/Failed to load resource: .* status of (40[01]|429)\b/.test(e),
    );
    if (lkErrors.length) {
      console.log(`FAIL browser console is clean on Latchkey's pages:\n${indent(lkErrors.join("\n"))}`);
      failed++;
    } else if (Object.values(status).every((v) => v === "pass")) {
      console.log("PASS browser console is clean on Latchkey's pages");
      passed++;
    }
  } catch (e) {
    console.log(`FAIL setup: ${e.stack || e}`);
    failed++;
  } finally {
    await cleanup();
    if (failed === 0) fs.rmSync(workdir, { recursive: true, force: true });
    else console.log(`  work dir kept: ${workdir}`);
  }
  console.log(`  screenshots: ${ARTIFACTS}; axe-core checked ${axeRuns} page states`);
  console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
  process.exitCode = failed ? 1 : 0;
}

function indent(text) {
  return text
    .split("\n")
    .map((l) => `    ${l}`)
    .join("\n");
}

main();
