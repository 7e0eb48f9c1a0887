"""Who may call what, beyond "everyone may read the public data"."""

from django.conf import settings
from rest_framework.exceptions import NotAuthenticated
from rest_framework.permissions import BasePermission


class CanSubmitSightings(BasePermission):
    """Anyone, unless CAMERAMAP_REQUIRE_SIGN_IN asks for an account."""

    def has_permission(self, request, view):
        if settings.CAMERAMAP_REQUIRE_SIGN_IN and not request.user.is_authenticated:
            raise NotAuthenticated("Sign in to send reports.")
        return True
