"""Middleware of CameraMap's own: health check, browser permissions, two-factor sign-in for
moderators, and an honest answer while the database is away."""

from urllib.parse import quote

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from cameramap.lib import outage


def health_check(get_response):
    """GET /healthz: 200 when the database answers, 503 when not.

    First in the chain, before the host check and the HTTPS redirect, so that a container
    healthcheck can ask the process directly over plain HTTP on 127.0.0.1."""

    def middleware(request):
        if request.path != "/healthz":
            return get_response(request)
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
        except DatabaseError:
            return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
        return HttpResponse("ok\n", content_type="text/plain")

    return middleware


def permissions_policy(get_response):
    """Geolocation and the camera (/submit/) for this origin only; nothing else powerful."""

    def middleware(request):
        response = get_response(request)
        response.setdefault("Permissions-Policy", settings.CAMERAMAP_PERMISSIONS_POLICY)
        return response

    return middleware


def sign_in_without_device(get_response):
    """django-axes writes the browser's user-agent string down with every failed sign-in, and
    has no setting against it; CameraMap keeps no device data, so sign-in never sees it."""
    paths = ("/accounts/login/", "/admin/login/")

    def middleware(request):
        if request.path in paths:
            request.META.pop("HTTP_USER_AGENT", None)
        return get_response(request)

    return middleware


def database_outage(get_response):
    """A view that loses the database answers 503 with Retry-After (JSON under /api/), not 500:
    the submit page keeps the report and sends it again. cameramap.views.server_error does the
    same for the database failing in another middleware (the session, the user)."""

    def middleware(request):
        return get_response(request)

    def process_exception(request, exception):
        if isinstance(exception, OperationalError | InterfaceError):
            return outage.response(request)
        return None

    middleware.process_exception = process_exception
    return middleware


class RequireTwoFactor:
    """With CAMERAMAP_REQUIRE_2FA on, a signed-in user reaches the moderators' paths only after
    confirming a one-time code (django-otp) in this session. By path prefix, so that every view
    there, present and future, is covered."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.CAMERAMAP_REQUIRE_2FA
            and request.path.startswith(settings.CAMERAMAP_2FA_PATHS)
            and request.user.is_authenticated
            and not request.user.is_verified()
        ):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"detail": _("Confirm your sign-in with a one-time code first.")},
                    status=403,
                )
            return redirect(f"{reverse('two-factor')}?next={quote(request.get_full_path())}")
        return self.get_response(request)
