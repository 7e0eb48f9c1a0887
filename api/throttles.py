"""Per-client limits on reports, without ever storing an IP address."""

import hashlib
import hmac
import time

from django.conf import settings
from django.utils.crypto import salted_hmac
from rest_framework.throttling import SimpleRateThrottle

KEY_LIFETIME = 24 * 3600


def ip_key(ip: str, *, now: float | None = None) -> str:
    """A keyed hash of an address. The key changes daily and is never stored, so yesterday's
    throttle entries cannot be tied to an address, even by someone holding the cache."""
    period = int((time.time() if now is None else now) // KEY_LIFETIME)
    key = salted_hmac("cameramap.throttle-key", str(period), algorithm="sha256").digest()
    return hmac.new(key, ip.encode(), hashlib.sha256).hexdigest()


class SightingThrottle(SimpleRateThrottle):
    """CAMERAMAP_THROTTLE_ANON per address (hashed), CAMERAMAP_THROTTLE_USER per account."""

    scope = "sightings"

    def get_rate(self):
        return settings.CAMERAMAP_THROTTLE_ANON

    def allow_request(self, request, view):
        if request.method != "POST":
            return True
        signed_in = request.user.is_authenticated
        rate = settings.CAMERAMAP_THROTTLE_USER if signed_in else settings.CAMERAMAP_THROTTLE_ANON
        self.rate = rate
        self.num_requests, self.duration = self.parse_rate(rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request, view):
        if request.user.is_authenticated:
            client = f"user:{request.user.pk}"
        else:
            client = f"ip:{ip_key(self.get_ident(request))}"
        return f"throttle:{self.scope}:{client}"
