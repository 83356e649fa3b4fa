"""App config: connects the group-sync handler, as Paperless's apps.py does."""

from django.apps import AppConfig


class E2EProjectConfig(AppConfig):
    name = "e2eproject"
    label = "e2eproject"

    def ready(self):
        from allauth.socialaccount.signals import social_account_updated

        from e2eproject.signals import handle_social_account_updated

        # Paperless: social_account_updated.connect(handle_social_account_updated)
        social_account_updated.connect(handle_social_account_updated)
