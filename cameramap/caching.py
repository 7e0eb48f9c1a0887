"""HTTP caching of the public data, validated against the database's data version.

Every write to cameras, published photos or areas bumps `areas.DataVersion` (database
triggers, see cameramap/schema.py), so the validators change the moment a moderator acts, in
every app process at once. Clients and proxies may keep a copy but must revalidate it
(`no-cache`); an unchanged copy costs a 304 without a body.
"""

from functools import wraps

from django.utils.cache import patch_cache_control
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import condition

from cameramap.areas.selectors import public_data_version


def public_data_view(view=None, *, weak: bool = False):
    """ETag/Last-Modified from the data version, 304 when unchanged, and gzip.

    `weak` for responses that differ in bytes but not in data from one request to the next
    (a download stamped with the time it was made)."""
    if view is None:
        return lambda view: public_data_view(view, weak=weak)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        data = public_data_version()
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

    return gzip_page(wrapper)
