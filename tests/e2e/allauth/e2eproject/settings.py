"""Django settings: the allauth part of Paperless-ngx's settings, and little else.

Mirrors src/paperless/settings/__init__.py of Paperless-ngx v3 (see
shared/design/PAPERLESS.md): the same apps, middleware, backends, allauth
settings and the same PAPERLESS_* environment variables, read the same way.
Only what a social login touches is kept (no mfa/headless apps, no REST API).
"""

import json
import os
import tempfile
from pathlib import Path
from typing import Final


def get_bool_from_env(key: str, default: str = "NO") -> bool:
    """Paperless's helper: 'true'/'yes'/'1' (any case) is True."""
    return os.getenv(key, default).lower() in ("yes", "y", "1", "t", "true")


def get_list_from_env(key: str) -> list[str]:
    """Paperless's helper: a comma separated list, empty items dropped."""
    return [item.strip() for item in os.getenv(key, "").split(",") if item.strip()]


BASE_DIR = Path(__file__).resolve().parent

SECRET_KEY = "latchkey-e2e-not-a-secret"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sites",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    # Paperless adds this one through PAPERLESS_APPS.
    "allauth.socialaccount.providers.openid_connect",
    "e2eproject.apps.E2EProjectConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "e2eproject.urls"
SITE_ID = 1

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# One SQLite file per scenario; the test runner points E2E_DJANGO_DB at its temp dir.
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.getenv("E2E_DJANGO_DB")
        or os.path.join(tempfile.gettempdir(), "latchkey-e2e-django.sqlite3"),
    },
}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
USE_TZ = True

LOGIN_REDIRECT_URL = "/"

# ---- allauth, as in Paperless-ngx's settings -------------------------------

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

ACCOUNT_LOGOUT_ON_GET = True
# Paperless defaults to "https"; the e2e Django site is plain http.
ACCOUNT_DEFAULT_HTTP_PROTOCOL = os.getenv(
    "PAPERLESS_ACCOUNT_DEFAULT_HTTP_PROTOCOL",
    "http",
)

SOCIALACCOUNT_ADAPTER = "e2eproject.adapter.CustomSocialAccountAdapter"
SOCIALACCOUNT_ALLOW_SIGNUPS = get_bool_from_env(
    "PAPERLESS_SOCIALACCOUNT_ALLOW_SIGNUPS",
    "yes",
)
# Paperless defaults to "no" (the user confirms allauth's signup form); the
# e2e test logs straight in, so it defaults to "yes" here.
SOCIALACCOUNT_AUTO_SIGNUP = get_bool_from_env("PAPERLESS_SOCIAL_AUTO_SIGNUP", "yes")
# Exactly how Paperless reads it: the whole provider config is one JSON env var.
SOCIALACCOUNT_PROVIDERS = json.loads(
    os.getenv("PAPERLESS_SOCIALACCOUNT_PROVIDERS", "{}"),
)
SOCIAL_ACCOUNT_DEFAULT_GROUPS = get_list_from_env(
    "PAPERLESS_SOCIAL_ACCOUNT_DEFAULT_GROUPS",
)
# Paperless defaults to "no"; the e2e test is about group sync, so "yes".
SOCIAL_ACCOUNT_SYNC_GROUPS = get_bool_from_env(
    "PAPERLESS_SOCIAL_ACCOUNT_SYNC_GROUPS",
    "yes",
)
SOCIAL_ACCOUNT_SYNC_GROUPS_CLAIM: Final[str] = os.getenv(
    "PAPERLESS_SOCIAL_ACCOUNT_SYNC_GROUPS_CLAIM",
    "groups",
)

# Paperless uses "none" whenever no mail server is configured.
ACCOUNT_EMAIL_VERIFICATION = "none"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"stderr": {"class": "logging.StreamHandler"}},
    "loggers": {
        "django.request": {"handlers": ["stderr"], "level": "ERROR"},
        "paperless.auth": {"handlers": ["stderr"], "level": "INFO"},
    },
}
