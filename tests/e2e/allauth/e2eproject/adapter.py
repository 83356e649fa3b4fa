"""The social account adapter, re-implemented from Paperless-ngx's behaviour.

Paperless's CustomSocialAccountAdapter (PAPERLESS.md §1):
* `is_open_for_signup` is SOCIALACCOUNT_ALLOW_SIGNUPS;
* `save_user` (first social login, i.e. signup) saves the user the allauth
  way, adds SOCIAL_ACCOUNT_DEFAULT_GROUPS, then runs the same group sync as
  the `social_account_updated` handler, so groups are right from login one.
"""

from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings

from e2eproject.signals import handle_social_account_updated


class CustomSocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request, sociallogin):
        default = super().is_open_for_signup(request, sociallogin)
        return getattr(settings, "SOCIALACCOUNT_ALLOW_SIGNUPS", default)

    def save_user(self, request, sociallogin, form=None):
        from django.contrib.auth.models import Group

        user = super().save_user(request, sociallogin, form)
        default_groups = settings.SOCIAL_ACCOUNT_DEFAULT_GROUPS
        if default_groups:
            user.groups.add(*Group.objects.filter(name__in=default_groups))
            user.save()
        handle_social_account_updated(None, request, sociallogin)
        return user
