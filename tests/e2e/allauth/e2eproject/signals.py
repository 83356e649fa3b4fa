"""Group sync, re-implemented from Paperless-ngx's behaviour (PAPERLESS.md §1).

Paperless connects this to allauth's `social_account_updated` signal (every
login of an already linked account) and also calls it from the social
adapter's `save_user` (the very first login). Its rules:

* the claim name is SOCIAL_ACCOUNT_SYNC_GROUPS_CLAIM (default "groups");
* it is read from the top level of `SocialAccount.extra_data` (allauth < 65.11
  layout), else from `extra_data["userinfo"]`, else `extra_data["id_token"]`,
  else it is [];
* with SOCIAL_ACCOUNT_SYNC_GROUPS on, the user's groups become exactly the
  already existing Django groups with those names (none are created, and a
  missing claim removes every group).
"""

import logging

from django.conf import settings

logger = logging.getLogger("paperless.auth")


def claimed_group_names(extra_data: dict | None) -> list[str]:
    """The group names a social login claims, looked up the Paperless way."""
    claim = settings.SOCIAL_ACCOUNT_SYNC_GROUPS_CLAIM
    data = extra_data or {}
    names = data.get(claim, [])
    if not names:
        names = data.get("userinfo", {}).get(claim) or data.get("id_token", {}).get(claim) or []
    return names


def handle_social_account_updated(sender, request, sociallogin, **kwargs):
    """Set the user's groups from the login's groups claim (if sync is on)."""
    from django.contrib.auth.models import Group

    names = claimed_group_names(sociallogin.account.extra_data)
    if settings.SOCIAL_ACCOUNT_SYNC_GROUPS and names is not None:
        logger.info("Syncing groups for user `%s`: %s", sociallogin.user, names)
        sociallogin.user.groups.set(Group.objects.filter(name__in=names), clear=True)
