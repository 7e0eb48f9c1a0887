"""Error pages (JSON under /api/, HTML elsewhere) and the one-time code page."""

import sys

from django.contrib.auth.decorators import login_required
from django.db import InterfaceError, OperationalError
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import defaults
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.forms import OTPTokenForm

from api.errors import api_not_found, api_server_error
from cameramap.lib import outage


def not_found(request, exception):
    if request.path.startswith("/api/"):
        return api_not_found(request, exception)
    return defaults.page_not_found(request, exception)


def server_error(request):
    # Called while the exception is being handled: a database that went away (in a view or in
    # a middleware reading the session) is a 503 to retry, not a server error.
    if isinstance(sys.exception(), OperationalError | InterfaceError):
        return outage.response(request)
    if request.path.startswith("/api/"):
        return api_server_error(request)
    return defaults.server_error(request)


@login_required
def two_factor(request):
    """Confirm this session with a one-time code from one of the user's devices."""
    target = request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    form = OTPTokenForm(request.user, request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        otp_login(request, request.user.otp_device)
        return redirect(target)
    has_device = any(devices_for_user(request.user))
    return render(
        request, "registration/two_factor.html", {"form": form, "has_device": has_device}
    )
