"""Who may call what, beyond "everyone may read the public data"."""

from django.conf import settings
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import NotAuthenticated
from rest_framework.permissions import BasePermission

from cameramap.cameras.roles import is_moderator


class CanSubmitSightings(BasePermission):
    """Anyone, unless CAMERAMAP_REQUIRE_SIGN_IN asks for an account."""

    def has_permission(self, request, view):
        if settings.CAMERAMAP_REQUIRE_SIGN_IN and not request.user.is_authenticated:
            raise NotAuthenticated("Sign in to send reports.")
        return True


class ReviewAuthentication(SessionAuthentication):
    """Session sign-in, answering 401 (not 403) to a caller who has not signed in."""

    def authenticate_header(self, request):
        return 'Session realm="CameraMap review"'


class IsModerator(BasePermission):
    message = "Only moderators may do this."

    def has_permission(self, request, view):
        if not request.user.is_authenticated:
            raise NotAuthenticated("Sign in as a moderator.")
        return is_moderator(request.user)
