"""End-to-end: the real django-allauth OIDC client (as Paperless-ngx uses it) logs in through Latchkey.

Usage (normally through run.sh, which makes the venv):
    python test_allauth.py [SCENARIO ...]     run all (or the named) scenarios
    python test_allauth.py --scenario NAME    run one scenario in this process

Each scenario runs in its own Python process, because Django reads
PAPERLESS_SOCIALACCOUNT_PROVIDERS once, at startup, exactly as Paperless does.
A scenario starts `latchkey serve` on a free port with a fresh database,
creates the user and the client with the Latchkey CLI, then logs in:
  Django test Client: POST /accounts/oidc/latchkey/login/ -> 302 to /authorize
  LatchkeyBrowser:    Latchkey's pages (login, TOTP, consent...) -> 302 to the callback
  Django test Client: GET the callback -> allauth calls /token and /userinfo for real
and checks the Django user, its groups (Paperless's group sync) and the
requests allauth made.

Environment: LATCHKEY_BIN (default <repo>/target/debug/latchkey),
E2E_READY_TIMEOUT (seconds to wait for /healthz, default 30),
E2E_SCENARIO_TIMEOUT (seconds per scenario, default 300), E2E_VERBOSE=1
(show each scenario's log even when it passes).
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import requests

from browser import Authenticator, LatchkeyBrowser
from django_side import CALLBACK_URL, PROVIDER_ID, HttpSpy, Paperless, providers_config, setup
from latchkey import Latchkey

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]

USERNAME = "alice"
EMAIL = "alice@example.com"
FULL_NAME = "Alice Example"
PASSWORD = "e2e-Correct-Horse-7-Battery"
LATCHKEY_GROUPS = ["admins", "staff"]  # the user's groups in Latchkey
DJANGO_GROUPS = ["admins", "staff", "other"]  # pre-created in Paperless; alice is not in "other"


@dataclass
class Login:
    """One login: the Latchkey pages expected (consent pages are ignored, as
    Latchkey may or may not ask), and whether to use a recovery code."""

    pages: list[str]
    use_recovery_code: bool = False


@dataclass
class Scenario:
    name: str
    mfa: str  # LATCHKEY_MFA
    # The app's settings.token_auth_method; None leaves the choice to allauth,
    # which decides from the discovery document.
    token_auth_method: str | None
    pkce: bool = False
    public: bool = False  # a public client: no secret, PKCE instead
    # `user add --email-verified`: the administrator vouches for the address.
    # Without it the claim is false and Django must record it unverified.
    email_verified: bool = False
    logins: list[Login] = field(default_factory=lambda: [Login(["login"])])


SCENARIOS = [
    Scenario("basic", mfa="optional", token_auth_method="client_secret_basic", email_verified=True),
    Scenario("post", mfa="optional", token_auth_method="client_secret_post"),
    # A confidential client with PKCE; the auth method is left unset so this
    # scenario also covers allauth's default choice (what most Paperless
    # setups get).
    Scenario("pkce", mfa="optional", token_auth_method=None, pkce=True),
    # A public client (like the Paperless mobile apps): empty secret + PKCE.
    # allauth drops an empty client_secret from the token request body
    # (OAuth2Client._strip_empty_keys), so any method other than
    # "client_secret_basic" yields RFC 6749 "none" auth: client_id +
    # code_verifier only. ("client_secret_basic" would send Basic with an
    # empty password.)
    Scenario("public-pkce", mfa="optional", token_auth_method="none", pkce=True, public=True),
    Scenario(
        "mfa-required",
        mfa="required",
        token_auth_method="client_secret_basic",
        logins=[
            Login(["login", "totp-enroll", "recovery-codes"]),  # forced enrolment
            Login(["login", "totp"]),  # password + TOTP, a fresh browser
            Login(["login", "recovery-code", "continue"], use_recovery_code=True),
        ],
    ),
]


# ---- one scenario (runs in its own process) ---------------------------------


def run_scenario(scenario: Scenario) -> None:
    binary = os.environ.get("LATCHKEY_BIN") or str(REPO / "target" / "debug" / "latchkey")
    if not os.access(binary, os.X_OK):
        raise AssertionError(f"no Latchkey binary at {binary} (build it or set LATCHKEY_BIN)")
    ready_timeout = float(os.environ.get("E2E_READY_TIMEOUT", "30"))
    with tempfile.TemporaryDirectory(prefix=f"latchkey-e2e-{scenario.name}-") as tmp:
        server = Latchkey(binary, Path(tmp), scenario.mfa)
        try:
            server.start(ready_timeout=ready_timeout)
            _scenario_body(scenario, server, Path(tmp))
        except BaseException:
            print(f"---- latchkey serve log ({server.issuer}) ----", file=sys.stderr)
            print(server.log_tail(), file=sys.stderr)
            print("---- end of latchkey log ----", file=sys.stderr)
            raise
        finally:
            server.stop()


def _scenario_body(scenario: Scenario, server: Latchkey, tmp: Path) -> None:
    # Latchkey side, through the CLI while the server runs.
    server.cli(
        *("user", "add", USERNAME, "--email", EMAIL, "--name", FULL_NAME),
        *("--groups", ",".join(LATCHKEY_GROUPS), "--password-stdin"),
        *(("--email-verified",) if scenario.email_verified else ()),
        stdin=PASSWORD + "\n",
    )
    if scenario.public:
        client_id, secret = "paperless-app", ""
        server.cli(
            *("client", "add", client_id, "--name", "Paperless App", "--public"),
            # Django's test client calls back to http://testserver (not loopback).
            *("--redirect-uri", CALLBACK_URL, "--allow-insecure-http"),
        )
    else:
        client_id = "paperless"
        out = server.cli(
            *("client", "add", client_id, "--name", "Paperless"),
            *("--redirect-uri", CALLBACK_URL, "--allow-insecure-http"),
        )
        match = re.search(r"^client_secret:\s*(\S+)\s*$", out, re.MULTILINE)
        if not match:
            raise AssertionError(f"`latchkey client add` printed no `client_secret: ...` line:\n{out}")
        secret = match.group(1)

    # Paperless side: the provider JSON in the env, then Django starts.
    providers = providers_config(server.issuer, client_id, secret, scenario.token_auth_method, scenario.pkce)
    setup(str(tmp / "django.sqlite3"), json.dumps(providers))
    from django.contrib.auth.models import Group, User

    for name in DJANGO_GROUPS:
        Group.objects.create(name=name)
    spy = HttpSpy().install()
    discovery = check_discovery(server.issuer)

    authenticator = Authenticator()  # kept across this scenario's logins
    paperless = Paperless()
    uid = None
    for number, login in enumerate(scenario.logins, start=1):
        step = f"login {number}/{len(scenario.logins)}"
        if number > 1:
            paperless.logout()
            # Sync must also run on later logins (social_account_updated): give
            # alice a group Latchkey does not list; the login must remove it.
            User.objects.get(username=USERNAME).groups.add(Group.objects.get(name="other"))
        try:
            mark = len(spy.calls)
            authorize_url = paperless.start_login()
            state = check_authorize_url(authorize_url, discovery, client_id, scenario.pkce)
            browser = LatchkeyBrowser(USERNAME, PASSWORD, authenticator, login.use_recovery_code)
            result = browser.login(authorize_url, CALLBACK_URL)
            seen = [p for p in result.pages if p != "consent"]
            if seen != login.pages:
                raise AssertionError(
                    f"Latchkey pages were {result.pages}, expected {login.pages} (+ consent)"
                )
            if login.use_recovery_code and browser.recovery_codes_left != 9:
                raise AssertionError(f"expected 9 recovery codes left, Latchkey said {browser.recovery_codes_left}")
            check_callback(result.callback_url, state, server.issuer)
            paperless.finish_login(result.callback_url)
            id_token = check_token_request(spy, mark, discovery, scenario, client_id, secret)
            uid = check_django_user(paperless, uid, scenario.email_verified)
            check_id_token_for_apps(id_token, uid)
        except Exception as exc:
            raise AssertionError(f"{step}: {exc}") from exc


# ---- checks ----------------------------------------------------------------


def check_discovery(issuer: str) -> dict:
    """What allauth needs from the discovery document (PAPERLESS.md §3)."""
    resp = requests.get(f"{issuer}/.well-known/openid-configuration", timeout=10)
    resp.raise_for_status()
    doc = resp.json()
    if doc.get("issuer") != issuer:
        raise AssertionError(f"discovery issuer {doc.get('issuer')!r} != {issuer!r}")
    for key in ("authorization_endpoint", "token_endpoint", "userinfo_endpoint", "jwks_uri"):
        if not doc.get(key):
            raise AssertionError(f"discovery has no {key}")
    return doc


def check_authorize_url(url: str, discovery: dict, client_id: str, pkce: bool) -> str:
    """allauth's authorize redirect; returns its state."""
    endpoint, _, query = url.partition("?")
    if endpoint != discovery["authorization_endpoint"]:
        raise AssertionError(f"allauth redirected to {endpoint}, not the authorization_endpoint")
    params = {k: v[0] for k, v in parse_qs(query).items()}
    expected = {"client_id": client_id, "redirect_uri": CALLBACK_URL, "response_type": "code"}
    for key, value in expected.items():
        if params.get(key) != value:
            raise AssertionError(f"authorize {key}={params.get(key)!r}, expected {value!r}")
    if set(params.get("scope", "").split()) != {"openid", "profile", "email", "groups"}:
        raise AssertionError(f"authorize scope={params.get('scope')!r}")
    if pkce != ("code_challenge" in params) or (pkce and params.get("code_challenge_method") != "S256"):
        raise AssertionError(f"PKCE expected={pkce} but authorize params are {sorted(params)}")
    if not params.get("state"):
        raise AssertionError("authorize request has no state")
    return params["state"]


def check_callback(url: str, state: str, issuer: str) -> None:
    params = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
    if "error" in params:
        raise AssertionError(
            f"Latchkey returned error={params['error']!r}: {params.get('error_description')}"
        )
    if not params.get("code"):
        raise AssertionError(f"callback has no code: {url}")
    if params.get("state") != state:
        raise AssertionError(f"callback state {params.get('state')!r} != {state!r}")
    if "iss" in params and params["iss"] != issuer:  # RFC 9207, optional
        raise AssertionError(f"callback iss {params['iss']!r} != {issuer!r}")


def _expected_auth(scenario: Scenario, discovery: dict) -> str:
    """How allauth 65.16.1 authenticates at the token endpoint (see
    OpenIDConnectOAuth2Adapter.basic_auth): 'basic', 'post' or 'none'."""
    method = scenario.token_auth_method
    if scenario.public:
        return "none"
    if method is None:
        listed = discovery.get("token_endpoint_auth_methods_supported", [])
        use_basic = "client_secret_post" not in listed and "client_secret_basic" in listed
        return "basic" if use_basic else "post"
    return "basic" if method == "client_secret_basic" else "post"


def check_token_request(
    spy: HttpSpy, mark: int, discovery: dict, scenario: Scenario, client_id: str, secret: str
) -> str:
    """The token and userinfo requests allauth made; returns the raw id_token."""
    calls = spy.since(mark, discovery["token_endpoint"])
    if len(calls) != 1:
        raise AssertionError(f"allauth made {len(calls)} token requests, expected 1")
    call = calls[0]
    body = call.data
    expected = _expected_auth(scenario, discovery)
    if expected == "basic":
        ok = (
            isinstance(call.auth, requests.auth.HTTPBasicAuth)
            and (call.auth.username, call.auth.password) == (client_id, secret)
            and "client_secret" not in body
        )
    else:
        ok = call.auth is None and body.get("client_id") == client_id
        ok = ok and (
            body.get("client_secret") == secret if expected == "post" else "client_secret" not in body
        )
    if not ok:
        raise AssertionError(f"token request was not client auth '{expected}' (body keys {sorted(body)})")
    if scenario.pkce != bool(body.get("code_verifier")):
        raise AssertionError(
            f"token request code_verifier present={'code_verifier' in body}, PKCE={scenario.pkce}"
        )
    token = call.response.json()
    if not token.get("id_token") or str(token.get("token_type", "")).lower() != "bearer":
        raise AssertionError(f"token response lacks id_token or token_type Bearer: keys {sorted(token)}")

    userinfo = spy.since(mark, discovery["userinfo_endpoint"])
    if len(userinfo) != 1 or userinfo[0].response.status_code != 200:
        raise AssertionError(
            f"expected one successful userinfo call, got {[c.response.status_code for c in userinfo]}"
        )
    return token["id_token"]


def check_django_user(paperless: Paperless, previous_uid: str | None, email_verified: bool) -> str:
    """The Django user is logged in, populated from the claims, with synced
    groups and the address recorded as verified exactly when Latchkey says
    so; returns the SocialAccount uid (the `sub`)."""
    from allauth.account.models import EmailAddress
    from allauth.socialaccount.models import SocialAccount
    from django.contrib.auth.models import User

    user_id = paperless.logged_in_user_id()
    if user_id is None:
        raise AssertionError("no Django user is logged in (no _auth_user_id in the session)")
    user = User.objects.get(pk=user_id)
    got = (user.username, user.email, user.first_name, user.last_name)
    want = (USERNAME, EMAIL, "Alice", "Example")
    if got != want:
        raise AssertionError(f"user (username, email, first, last) = {got}, expected {want}")
    groups = sorted(user.groups.values_list("name", flat=True))
    if groups != sorted(LATCHKEY_GROUPS):
        raise AssertionError(f"user groups {groups}, expected {sorted(LATCHKEY_GROUPS)} (groups claim sync)")
    if User.objects.count() != 1:
        raise AssertionError(f"{User.objects.count()} Django users exist, expected 1 (duplicate signup?)")

    addresses = list(EmailAddress.objects.filter(user=user).values_list("email", "verified"))
    if addresses != [(EMAIL, email_verified)]:
        # allauth links a later sign-in to a local account on a verified
        # address (SOCIALACCOUNT_EMAIL_AUTHENTICATION): a claim nobody proved
        # would hand that account over.
        raise AssertionError(f"Django recorded addresses {addresses}, expected [({EMAIL!r}, {email_verified})]")

    accounts = list(SocialAccount.objects.filter(user=user))
    if len(accounts) != 1 or accounts[0].provider != PROVIDER_ID:
        raise AssertionError(f"expected one '{PROVIDER_ID}' social account, got {accounts}")
    account = accounts[0]
    if account.uid in (USERNAME, EMAIL):
        raise AssertionError(f"sub is {account.uid!r}: it must be opaque, not the username or email")
    if previous_uid is not None and account.uid != previous_uid:
        raise AssertionError(f"sub changed between logins: {previous_uid!r} -> {account.uid!r}")
    userinfo = account.extra_data.get("userinfo") or {}
    if sorted(userinfo.get("groups") or []) != sorted(LATCHKEY_GROUPS):
        raise AssertionError(f"userinfo groups claim is {userinfo.get('groups')!r}")
    return account.uid


def check_id_token_for_apps(id_token: str, uid: str) -> None:
    """The code flow above never checks the id_token signature (allauth skips it
    when the token came straight from the token endpoint). Paperless's mobile
    app login (allauth headless) does: run that path, provider.verify_token,
    which needs an RS256 key in the JWKS with a matching `kid`. That path only
    sees the id_token's claims, so the groups must be in it too."""
    from allauth.socialaccount.adapter import get_adapter
    from django.core.cache import cache
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    provider = get_adapter().get_provider(request, PROVIDER_ID)
    # The code flow put this token's jti in allauth's replay cache: forget it.
    cache.clear()
    try:
        login = provider.verify_token(request, {"id_token": id_token})
    except Exception as exc:
        cause = exc.__cause__
        raise AssertionError(
            f"allauth verify_token rejected the id_token: {exc!r} caused by {cause!r}"
        ) from exc
    claims = login.account.extra_data
    if login.account.uid != uid:
        raise AssertionError(f"id_token sub {login.account.uid!r} != userinfo sub {uid!r}")
    if claims.get("email") != EMAIL or sorted(claims.get("groups") or []) != sorted(LATCHKEY_GROUPS):
        raise AssertionError(f"id_token lacks email/groups claims (has {sorted(claims)})")


# ---- process plumbing ------------------------------------------------------


def child(name: str) -> int:
    """Run one scenario; print exactly one `RESULT ...` line on stdout."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so `finally` stops the server
    for var in ("NO_PROXY", "no_proxy"):  # allauth's requests honour proxy env vars
        os.environ[var] = ",".join(filter(None, [os.environ.get(var), "localhost,127.0.0.1"]))
    scenario = next((s for s in SCENARIOS if s.name == name), None)
    try:
        if scenario is None:
            raise AssertionError(f"unknown scenario {name!r}")
        run_scenario(scenario)
    except BaseException as exc:  # noqa: BLE001 - report everything, including SystemExit
        traceback.print_exc(file=sys.stderr)
        reason = " ".join(str(exc).split()) or type(exc).__name__
        print(f"RESULT fail {reason[:400]}", flush=True)
        return 1
    print("RESULT ok", flush=True)
    return 0


def main(argv: list[str]) -> int:
    if argv[:1] == ["--scenario"] and len(argv) == 2:
        return child(argv[1])
    names = argv or [s.name for s in SCENARIOS]
    timeout = float(os.environ.get("E2E_SCENARIO_TIMEOUT", "300"))
    verbose = os.environ.get("E2E_VERBOSE") == "1"
    passed = failed = 0
    for name in names:
        proc = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--scenario", name],
            cwd=HERE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.terminate()  # the child stops its server on SIGTERM
            try:
                out, err = proc.communicate(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                out, err = proc.communicate()
            out += f"\nRESULT fail timed out after {timeout:.0f}s"
        results = [line for line in out.splitlines() if line.startswith("RESULT ")]
        result = results[-1] if results else f"RESULT fail exited with code {proc.returncode} and no result"
        ok = result == "RESULT ok"
        if (not ok or verbose) and err.strip():
            print(f"---- {name}: scenario log ----\n{err.rstrip()}\n---- end of {name} ----", file=sys.stderr)
        sys.stderr.flush()
        if ok:
            passed += 1
            print(f"PASS {name}", flush=True)
        else:
            failed += 1
            print(f"FAIL {name}: {result.removeprefix('RESULT fail ')}", flush=True)
    print(f"{passed} passed, {failed} failed", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
