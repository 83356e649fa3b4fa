"""A scripted browser for Latchkey's HTML pages.

It starts at the authorize URL that allauth redirected to and walks Latchkey's
pages the way a person would (login, TOTP enrolment, recovery codes, second
factor, consent), following redirects by hand, until Latchkey redirects to
the relying party's callback URL. Each page is recognised by its form fields
(see `_next_action`); every form is submitted with all its own inputs,
hidden ones (the CSRF token) included.
"""

from __future__ import annotations

import re

import sys
import time
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urljoin, urlparse

import pyotp
import requests
from bs4 import BeautifulSoup
from bs4.element import Tag


class PageError(Exception):
    """Latchkey showed an error, an unexpected page, or redirected somewhere odd."""


@dataclass
class Authenticator:
    """What the user keeps between logins: the TOTP app and the paper recovery codes."""

    totp: pyotp.TOTP | None = None
    # Last TOTP time step sent to Latchkey; it rejects a step that was used already.
    last_step: int | None = None
    recovery_codes: list[str] = field(default_factory=list)

    def enroll(self, otpauth_uri: str) -> None:
        """Scan the enrolment QR code: keep the secret (and digits/period/algorithm)."""
        if not otpauth_uri.startswith("otpauth://totp/"):
            raise PageError(f"enrolment link is not an otpauth://totp/ URI: {otpauth_uri!r}")
        if not parse_qs(urlparse(otpauth_uri).query).get("secret"):
            raise PageError(f"enrolment URI has no secret: {otpauth_uri!r}")
        self.totp = pyotp.parse_uri(otpauth_uri)
        self.last_step = None

    def code(self) -> str:
        """The current TOTP code, first waiting for a fresh time step if needed."""
        if self.totp is None:
            raise PageError("Latchkey asks for a TOTP code but none was enrolled")
        period = self.totp.interval
        step = int(time.time()) // period
        if self.last_step is not None and step <= self.last_step:
            # Same step as the previous code: wait for the next step to begin.
            wait = (self.last_step + 1) * period - time.time() + 0.2
            print(f"  waiting {wait:.1f}s for the next TOTP step", file=sys.stderr)
            time.sleep(max(wait, 0))
            step = int(time.time()) // period
        self.last_step = step
        return self.totp.generate_otp(step)

    def take_recovery_code(self) -> str:
        if not self.recovery_codes:
            raise PageError("no saved recovery code left to use")
        return self.recovery_codes.pop(0)


@dataclass
class LoginResult:
    callback_url: str  # Latchkey's final redirect (to the relying party)
    pages: list[str]  # the kinds of page shown, in order, e.g. ["login", "consent"]


class LatchkeyBrowser:
    """One browser (one cookie jar) logging one user in."""

    MAX_REQUESTS = 30

    def __init__(
        self,
        username: str,
        password: str,
        authenticator: Authenticator,
        use_recovery_code: bool = False,
    ) -> None:
        self.username = username
        self.password = password
        self.authenticator = authenticator
        self.use_recovery_code = use_recovery_code
        self.recovery_codes_left: int | None = None
        self.session = requests.Session()
        self.session.trust_env = False  # never send loopback traffic to a proxy

    def login(self, authorize_url: str, callback_url: str) -> LoginResult:
        """Walk from `authorize_url` until Latchkey redirects to `callback_url`."""
        origin = _origin(authorize_url)
        pages: list[str] = []
        method, url, data = "GET", authorize_url, None
        for _ in range(self.MAX_REQUESTS):
            headers = {"Origin": origin, "Referer": url} if method == "POST" else {}
            resp = self.session.request(
                method, url, data=data, headers=headers, allow_redirects=False, timeout=30
            )
            self._localhost_is_secure()
            if resp.is_redirect:
                target = urljoin(url, resp.headers["Location"])
                if target.startswith(callback_url):
                    return LoginResult(target, pages)
                if _origin(target) != origin:
                    raise PageError(f"{method} {url} redirected away from Latchkey, to {target}")
                if resp.status_code not in (307, 308):  # 301/302/303: the browser GETs
                    method, data = "GET", None
                url = target
                continue
            if resp.status_code != 200:
                raise PageError(f"{method} {url} -> HTTP {resp.status_code}: {_page_text(resp.text)}")
            soup = BeautifulSoup(resp.text, "html.parser")
            cont = soup.select_one("a#continue")
            if cont is not None:
                # An information page (e.g. "N recovery codes left"): read it, go on.
                m = re.search(r"You have (\d+) recovery codes? left", soup.get_text(" "))
                if m:
                    self.recovery_codes_left = int(m.group(1))
                pages.append("continue")
                method, url, data = "GET", urljoin(url, cont.get("href", "")), None
                continue
            kind, form, fill, click = self._next_action(soup)
            if pages and pages[-1] == kind and kind != "consent":
                # The same form again means Latchkey rejected what was sent.
                raise PageError(f"Latchkey showed the {kind} page again: {_page_text(resp.text)}")
            pages.append(kind)
            data = form_data(form, fill, click)
            method, url = "POST", urljoin(url, form.get("action") or "")
        raise PageError(f"no redirect to the callback after {self.MAX_REQUESTS} requests; pages: {pages}")

    def _localhost_is_secure(self) -> None:
        """Browsers treat http://localhost as a secure context and send `Secure`
        cookies back to it; Python's cookie jar only does so over https. (A
        cookie policy would not help: requests copies the jar into a fresh one,
        with the default policy, for every request.)"""
        for cookie in self.session.cookies:
            # cookiejar files a host-only cookie from "localhost" as "localhost.local".
            if cookie.secure and cookie.domain in ("localhost", "localhost.local", "127.0.0.1"):
                cookie.secure = False

    def _next_action(self, soup: BeautifulSoup) -> tuple[str, Tag, dict, tuple | None]:
        """Recognise the page; return (kind, form to submit, fields to fill, button to click)."""
        # TOTP enrolment (MFA required, no factor yet): the QR code's otpauth:// link.
        link = soup.select_one("a#otpauth-uri")
        if link is not None:
            self.authenticator.enroll(link.get("href", ""))
            form = _require(find_form(soup, "code"), "enrolment page has no form with a `code` field")
            return "totp-enroll", form, {"code": self.authenticator.code()}, None

        # Recovery codes, shown once after enrolment: save them and continue.
        codes = soup.select("#recovery-codes code") or soup.select("#recovery-codes li")
        if codes:
            self.authenticator.recovery_codes = [c.get_text(strip=True) for c in codes]
            form = _require(find_plain_form(soup), "recovery codes page has no form to continue")
            return "recovery-codes", form, {}, None

        # Second factor: a TOTP form, and maybe a separate recovery-code form.
        totp_form, recovery_form = find_form(soup, "code"), find_form(soup, "recovery_code")
        if totp_form is not None or recovery_form is not None:
            if self.use_recovery_code:
                form = _require(recovery_form, "second-factor page has no `recovery_code` form")
                return "recovery-code", form, {"recovery_code": self.authenticator.take_recovery_code()}, None
            form = _require(totp_form, "second-factor page has no TOTP `code` form")
            return "totp", form, {"code": self.authenticator.code()}, None

        login_form = find_form(soup, "username", "password")
        if login_form is not None:
            return "login", login_form, {"username": self.username, "password": self.password}, None

        allow = soup.find(["button", "input"], attrs={"name": "consent", "value": "allow"})
        if allow is not None:
            form = _require(allow.find_parent("form"), "consent button is outside any form")
            return "consent", form, {}, ("consent", "allow")

        raise PageError(f"unrecognised Latchkey page: {_page_text(str(soup))}")


# ---- HTML form helpers ------------------------------------------------------


def _is_post(form: Tag) -> bool:
    return (form.get("method") or "get").lower() == "post"


def _field_names(form: Tag) -> set[str]:
    return {el["name"] for el in form.find_all(["input", "select", "textarea"]) if el.get("name")}


def find_form(soup: BeautifulSoup, *names: str) -> Tag | None:
    """The first POST form that has all the named fields."""
    for form in soup.find_all("form"):
        if _is_post(form) and set(names) <= _field_names(form):
            return form
    return None


def find_plain_form(soup: BeautifulSoup) -> Tag | None:
    """The first POST form with nothing to fill in (only hidden inputs and buttons)."""
    for form in soup.find_all("form"):
        if not _is_post(form):
            continue
        visible = [
            el
            for el in form.find_all(["input", "select", "textarea"])
            if el.name != "input"
            or (el.get("type") or "text").lower() not in ("hidden", "submit", "button", "image", "reset")
        ]
        if not visible:
            return form
    return None


def _is_submit(el: Tag) -> bool:
    kind = (el.get("type") or ("submit" if el.name == "button" else "text")).lower()
    return kind in ("submit", "image") if el.name == "input" else kind == "submit"


def form_data(form: Tag, fill: dict[str, str], click: tuple[str, str] | None = None) -> dict[str, str]:
    """What a browser sends for `form`: its successful controls, `fill` applied,
    plus the clicked submit button (or the default, first one) if it has a name."""
    data: dict[str, str] = {}
    for el in form.find_all(["input", "select", "textarea"]):
        name = el.get("name")
        if not name or el.has_attr("disabled"):
            continue
        if el.name == "input":
            kind = (el.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                continue
            if kind in ("checkbox", "radio"):
                if el.has_attr("checked"):
                    data[name] = el.get("value", "on")
                continue
            data[name] = el.get("value", "")
        elif el.name == "select":
            option = el.find("option", selected=True) or el.find("option")
            if option is not None:
                data[name] = option.get("value", option.get_text())
        else:
            data[name] = el.get_text()
    for name in fill:
        if name not in data:
            raise PageError(f"form has no `{name}` field (fields: {sorted(data)})")
    data.update(fill)

    buttons = [el for el in form.find_all(["button", "input"]) if _is_submit(el)]
    if click is not None:
        chosen = [b for b in buttons if (b.get("name"), b.get("value")) == click]
        if not chosen:
            raise PageError(f"form has no submit button {click[0]}={click[1]}")
        buttons = chosen
    if buttons and buttons[0].get("name"):
        data[buttons[0]["name"]] = buttons[0].get("value", "")
    return data


def _require(value, message: str):
    if value is None:
        raise PageError(message)
    return value


def _origin(url: str) -> str:
    parts = urlparse(url)
    return f"{parts.scheme}://{parts.netloc}"


def _page_text(html: str, limit: int = 1500) -> str:
    """A page's visible text, for error messages."""
    text = BeautifulSoup(html, "html.parser").get_text(" ", strip=True)
    return text[:limit] or "(empty page)"
