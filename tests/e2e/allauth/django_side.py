"""The Paperless side: the e2eproject Django site, driven with Django's test Client.

Django is configured from the environment at `setup()`, exactly as Paperless
reads PAPERLESS_SOCIALACCOUNT_PROVIDERS at import, so each scenario runs in its
own Python process. allauth's own calls to Latchkey (discovery, token,
userinfo, JWKS) are real HTTP requests; `HttpSpy` records them so the test can
check how allauth authenticated at the token endpoint.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from urllib.parse import urlsplit

import requests

PROVIDER_ID = "latchkey"
LOGIN_PATH = f"/accounts/oidc/{PROVIDER_ID}/login/"
CALLBACK_PATH = f"/accounts/oidc/{PROVIDER_ID}/login/callback/"
# Django's test Client talks to the host "testserver"; the scheme comes from
# ACCOUNT_DEFAULT_HTTP_PROTOCOL ("http" in e2eproject.settings).
CALLBACK_URL = f"http://testserver{CALLBACK_PATH}"
LOGOUT_PATH = "/accounts/logout/"


def providers_config(
    issuer: str, client_id: str, secret: str, token_auth_method: str | None, pkce: bool
) -> dict:
    """PAPERLESS_SOCIALACCOUNT_PROVIDERS, shaped as in Paperless's docs."""
    settings = {
        "server_url": issuer,
        "oauth_pkce_enabled": pkce,
        "fetch_userinfo": True,
    }
    if token_auth_method is not None:
        settings["token_auth_method"] = token_auth_method
    return {
        "openid_connect": {
            "SCOPE": ["openid", "profile", "email", "groups"],
            "OAUTH_PKCE_ENABLED": pkce,
            "APPS": [
                {
                    "provider_id": PROVIDER_ID,
                    "name": "Latchkey",
                    "client_id": client_id,
                    "secret": secret,
                    "settings": settings,
                }
            ],
        }
    }


def setup(db_path: str, providers_json: str) -> None:
    """Configure and start Django in this process, with a fresh database."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "e2eproject.settings"
    os.environ["E2E_DJANGO_DB"] = db_path
    os.environ["PAPERLESS_SOCIALACCOUNT_PROVIDERS"] = providers_json
    os.environ["PAPERLESS_ACCOUNT_DEFAULT_HTTP_PROTOCOL"] = "http"
    os.environ["PAPERLESS_SOCIAL_AUTO_SIGNUP"] = "true"
    os.environ["PAPERLESS_SOCIAL_ACCOUNT_SYNC_GROUPS"] = "true"

    import django
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    django.setup()
    # Makes the test Client record template contexts (used to explain allauth
    # error pages) and allows the "testserver" host.
    setup_test_environment()
    call_command("migrate", verbosity=0, interactive=False)


@dataclass
class Call:
    """One HTTP request made through `requests` in this process."""

    method: str
    url: str
    data: dict
    auth: object
    headers: dict
    response: requests.Response


class HttpSpy:
    """Records every request made with a requests.Session (allauth's included)."""

    def __init__(self) -> None:
        self.calls: list[Call] = []

    def install(self) -> HttpSpy:
        original = requests.Session.request
        spy = self

        def request(session, method, url, *args, **kwargs):
            response = original(session, method, url, *args, **kwargs)
            data = kwargs.get("data")
            spy.calls.append(
                Call(
                    method=method.upper(),
                    url=url,
                    data=dict(data) if isinstance(data, dict) else {},
                    auth=kwargs.get("auth"),
                    headers=dict(kwargs.get("headers") or {}),
                    response=response,
                )
            )
            return response

        requests.Session.request = request
        return self

    def since(self, mark: int, url: str) -> list[Call]:
        """Calls to `url` made after `len(calls)` was `mark`."""
        return [c for c in self.calls[mark:] if c.url == url]


class Paperless:
    """One browser on the Paperless site (its own Django session cookie)."""

    def __init__(self) -> None:
        from django.test import Client

        # CSRF is enforced, as for a real browser posting Paperless's login form.
        self.client = Client(enforce_csrf_checks=True)

    def start_login(self) -> str:
        """Click "Sign in with Latchkey": POST the provider login URL with the CSRF
        token; return where allauth redirects (Latchkey's authorize URL)."""
        page = self.client.get(LOGIN_PATH)  # allauth's confirmation page sets the CSRF cookie
        if page.status_code != 200:
            raise AssertionError(f"GET {LOGIN_PATH} -> {page.status_code}: {_explain(page)}")
        csrf = self.client.cookies["csrftoken"].value
        resp = self.client.post(LOGIN_PATH, {"csrfmiddlewaretoken": csrf})
        if resp.status_code != 302:
            raise AssertionError(f"POST {LOGIN_PATH} -> {resp.status_code}: {_explain(resp)}")
        return resp["Location"]

    def finish_login(self, callback_url: str) -> None:
        """Follow Latchkey's redirect back to the callback; allauth then calls
        Latchkey's token and userinfo endpoints and logs the user in."""
        parts = urlsplit(callback_url)
        if parts.path != CALLBACK_PATH:
            raise AssertionError(f"callback path is {parts.path!r}, expected {CALLBACK_PATH!r}")
        resp = self.client.get(f"{parts.path}?{parts.query}")
        location = resp.get("Location", "")
        if resp.status_code != 302 or location != "/":
            raise AssertionError(
                f"allauth callback -> {resp.status_code} {location!r} (expected 302 to '/'): {_explain(resp)}"
            )

    def logout(self) -> None:
        resp = self.client.get(LOGOUT_PATH)  # ACCOUNT_LOGOUT_ON_GET, as in Paperless
        if resp.status_code != 302 or "_auth_user_id" in self.client.session:
            raise AssertionError(f"logout failed: {resp.status_code}")

    def logged_in_user_id(self) -> str | None:
        return self.client.session.get("_auth_user_id")


def _explain(resp) -> str:
    """Why allauth answered as it did: its auth_error (with the exception chain)
    if it rendered its error page, else the start of the body."""
    try:
        error = resp.context["auth_error"]
    except (KeyError, TypeError):
        body = resp.content.decode(errors="replace")
        return " ".join(body.split())[:800] or "(empty body)"
    parts = [f"allauth auth_error code={error.get('code')!r}"]
    exc = error.get("exception")
    while exc is not None:
        parts.append(f"{type(exc).__name__}: {exc}")
        exc = exc.__cause__ or exc.__context__
    return "; caused by ".join(parts)
