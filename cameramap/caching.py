"""HTTP caching of the public data, validated against the database's data version.

Every write to cameras, published photos or areas bumps `areas.DataVersion` (database
triggers, see cameramap/schema.py), so the validators change the moment a moderator acts, in
every app process at once. Clients and proxies may keep a copy but must revalidate it
(`no-cache`); an unchanged copy costs a 304 without a body.

Views that opt in (`keep=True`) also keep their answers in the server's cache, keyed by the
data version: the first visitor after a write pays for the query, the next ones get the bytes.
A write changes the version, hence the key, so a stale answer is never served.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import condition

from cameramap.areas.selectors import public_data_version

# Bigger answers (a full page of cameras) are cheap to remake and would crowd out the rest.
KEEP_MAX_BYTES = 512 * 1024


def public_data_view(view=None, *, weak: bool = False, keep: bool = False):
    """ETag/Last-Modified from the data version, 304 when unchanged, and gzip.

    `weak` for responses that differ in bytes but not in data from one request to the next
    (a download stamped with the time it was made). `keep` for answers that are the same for
    everyone (no session, no language) and worth keeping: see the module's docstring."""
    if view is None:
        return lambda view: public_data_view(view, weak=weak, keep=keep)

    def wrapper(request, *args, **kwargs):
        data = getattr(request, "public_data", None) or public_data_version()
        request.public_data = data
        conditional = condition(
            etag_func=lambda *args, **kwargs: f"W/{data.etag}" if weak else data.etag,
            last_modified_func=lambda *args, **kwargs: data.changed_at,
        )(view)
        response = conditional(request, *args, **kwargs)
        # DRF responses render late; compression needs the bytes now.
        if callable(getattr(response, "render", None)):
            response = response.render()
        if response.status_code in (200, 304):
            patch_cache_control(response, public=True, no_cache=True)
        return response

    compressed = gzip_page(wrapper)
    if not keep:
        return wraps(view)(compressed)

    @wraps(view)
    def kept(request, *args, **kwargs):
        seconds = settings.CAMERAMAP_RESPONSE_CACHE_SECONDS
        conditional = "If-None-Match" in request.headers or "If-Modified-Since" in request.headers
        if request.method not in ("GET", "HEAD") or not seconds or conditional:
            return compressed(request, *args, **kwargs)
        request.public_data = public_data_version()
        key = _response_key(request)
        stored = cache.get(key)
        if stored is not None:
            status, headers, content = stored
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            return response
        response = compressed(request, *args, **kwargs)
        if response.status_code == 200 and len(response.content) <= KEEP_MAX_BYTES:
            stored = (response.status_code, list(response.items()), response.content)
            cache.set(key, stored, timeout=seconds)
        return response

    return kept


def _response_key(request) -> str:
    """What the answer depends on: the data version, the address, and the headers it may
    vary by (compression, and Accept for content negotiation)."""
    parts = (
        request.public_data.etag,
        request.get_full_path(),
        request.headers.get("Accept-Encoding", ""),
        request.headers.get("Accept", ""),
    )
    return "response:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()
