"""Who is trying to sign in, as django-axes needs to know it, without keeping an address."""

import ipaddress
from datetime import datetime, timedelta

from axes.models import AccessAttempt
from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from api.throttles import ip_key


def client_ip(request) -> str:
    """The client's address: REMOTE_ADDR, or CAMERAMAP_NUM_PROXIES hops back in
    X-Forwarded-For behind that many proxies (as the API's throttles count it)."""
    remote = request.META.get("REMOTE_ADDR", "")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    proxies = settings.CAMERAMAP_NUM_PROXIES
    if proxies and forwarded:
        addresses = [part.strip() for part in forwarded.split(",") if part.strip()]
        if addresses:
            return addresses[-min(proxies, len(addresses))]
    return remote


def client_key(request) -> str:
    """A keyed hash of the client's address, written as an IPv6 address so that axes (whose
    column holds addresses) can store it: the real address is never written down."""
    digest = ip_key(client_ip(request) or "unknown")
    return str(ipaddress.IPv6Address(int(digest[:32], 16)))


def locked_out(request, original_response=None, credentials=None) -> HttpResponse:
    """What a locked-out sign-in gets: a page saying how long to wait, with status 429."""
    minutes = settings.CAMERAMAP_SIGNIN_COOLOFF_MINUTES
    response = render(
        request, "registration/locked_out.html", {"cooloff_minutes": minutes}, status=429
    )
    response["Retry-After"] = str(minutes * 60)
    return response


def signin_attempts_forget(*, now: datetime | None = None) -> int:
    """Delete failed sign-ins older than a day, or than the cool-off if that is longer: past
    it they lock nobody out, and who tried to sign in when is nobody's business."""
    now = now or timezone.now()
    keep = max(timedelta(days=1), timedelta(minutes=settings.CAMERAMAP_SIGNIN_COOLOFF_MINUTES))
    deleted, _ = AccessAttempt.objects.filter(attempt_time__lt=now - keep).delete()
    return deleted
