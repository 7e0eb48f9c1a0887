"""Who sent a report, without knowing who they are.

An anonymous volunteer's browser gets a random token in a cookie; only a keyed hash of it
(HMAC with a key derived from SECRET_KEY) is stored with their sightings, so the database alone
cannot tell which browser sent what. The token lets that browser, and only it, see its reports.
"""

import re
import secrets

from django.utils.crypto import salted_hmac

COOKIE_NAME = "cameramap_submitter"
COOKIE_MAX_AGE = 365 * 24 * 3600
TOKEN = re.compile(r"^[A-Za-z0-9_-]{43}$")
_NEW_TOKEN = "_cameramap_new_submitter_token"  # noqa: S105 - an attribute name


def token_hash(token: str) -> str:
    return salted_hmac("cameramap.submitter-token", token, algorithm="sha256").hexdigest()


def request_token_hash(request) -> str | None:
    """The hash of the token this browser presented (or was just given), if any."""
    token = getattr(request, _NEW_TOKEN, None) or request.COOKIES.get(COOKIE_NAME, "")
    return token_hash(token) if TOKEN.match(token) else None


def ensure_token(request) -> str:
    """The browser's token, or a new one that `remember` will set as a cookie."""
    token = getattr(request, _NEW_TOKEN, None) or request.COOKIES.get(COOKIE_NAME, "")
    if not TOKEN.match(token):
        token = secrets.token_urlsafe(32)
        setattr(request, _NEW_TOKEN, token)
    return token


def remember(request, response) -> None:
    token = getattr(request, _NEW_TOKEN, None)
    if token:
        response.set_cookie(
            COOKIE_NAME,
            token,
            max_age=COOKIE_MAX_AGE,
            secure=request.is_secure(),
            httponly=True,
            samesite="Lax",
        )
