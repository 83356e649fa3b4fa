"""URLs: allauth under /accounts/ (as in Paperless) and a trivial landing page."""

from django.http import HttpResponse
from django.urls import include, path


def home(request):
    """Stands in for Paperless's app shell (LOGIN_REDIRECT_URL)."""
    return HttpResponse(f"home, user={request.user.get_username() or '-'}")


urlpatterns = [
    path("accounts/", include("allauth.urls")),
    path("", home, name="base"),
]
