"""CameraMap settings: one file, fed by the environment (.env.example lists every variable)."""

import os
import secrets
from datetime import timedelta
from pathlib import Path

from csp import constants as csp
from django.core.exceptions import ImproperlyConfigured

from cameramap.lib.env import (
    env_bool,
    env_int,
    env_list,
    env_rate,
    env_str,
    parse_database_url,
    tile_origin,
)
from cameramap.lib.service_area import parse_service_area

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

DEBUG = env_bool("DEBUG", False)


def _local_secret_key() -> str:
    """A key generated once into var/ so local runs need no configuration."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    # pytest sets PYTEST_VERSION for the run; make run sets DEBUG.
    if not (DEBUG or os.environ.get("PYTEST_VERSION")):
        raise ImproperlyConfigured("SECRET_KEY is required when DEBUG is off")
    SECRET_KEY = _local_secret_key()
if SECRET_KEY.startswith("change-me") and not DEBUG:
    raise ImproperlyConfigured("SECRET_KEY is still the example's placeholder; generate one")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.gis",
    "rest_framework",
    "rest_framework_gis",
    "leaflet",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "cameramap.areas",
    "cameramap.cameras",
    # Sign-in throttling (settings below).
    "axes",
]

MIDDLEWARE = [
    "cameramap.middleware.health_check",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "cameramap.middleware.permissions_policy",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language: the switch's cookie, else the browser's Accept-Language, else English.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "cameramap.middleware.RequireTwoFactor",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "cameramap.middleware.database_outage",
    "cameramap.middleware.sign_in_without_device",
    # Last, as its documentation asks: it answers for locked-out sign-ins.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cameramap.urls"
WSGI_APPLICATION = "cameramap.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cameramap.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": parse_database_url(
        env_str("DATABASE_URL", "spatialite:///var/cameramap.sqlite3"), base_dir=BASE_DIR
    )
}
if DATABASES["default"]["ENGINE"].endswith("spatialite"):
    SPATIALITE_LIBRARY_PATH = "mod_spatialite"
else:
    # PostgreSQL's JIT compiles any statement it guesses to be costly: at a million cameras
    # that is most map queries, and compiling took longer (0.3-0.7 s) than running them.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# GDAL < 3.9 cannot block file and network access for spatial references found in input
# files. CameraMap never hands web input to GDAL (the API takes numbers, not geometries);
# only operators' own import files reach it. Debian 12 ships GDAL 3.6.
SILENCED_SYSTEM_CHECKS = ["gis.W001"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

LANGUAGE_CODE = "en"
# The languages the public pages ship in; locale/ holds the catalogues (compiled by bin/setup).
LANGUAGES = [("en", "English"), ("zh-hans", "简体中文")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
# Public media: only published, re-encoded photos ever land here.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Private media: photos not yet published; never served by the web server, only through
# permission-checked views.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(VAR_DIR / "private")))

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.MultiPartParser",
        "rest_framework.parsers.FormParser",
    ],
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}

CAMERAMAP_TILE_URL = env_str(
    "CAMERAMAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
)
CAMERAMAP_TILE_ATTRIBUTION = env_str(
    "CAMERAMAP_TILE_ATTRIBUTION",
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
)
CAMERAMAP_DATA_LICENSE = env_str("CAMERAMAP_DATA_LICENSE", "ODbL-1.0")
# The largest page of cameras one API response may carry.
CAMERAMAP_MAX_FEATURES = env_int("CAMERAMAP_MAX_FEATURES", 5000, minimum=1)
# How long the server keeps a clustered map view or the areas' figures (see caching.py; a
# write makes a new key at once, so this only bounds memory). 0: not kept.
CAMERAMAP_RESPONSE_CACHE_SECONDS = env_int("CAMERAMAP_RESPONSE_CACHE_SECONDS", 600, minimum=0)

# The OpenAPI schema (/api/v1/schema/) and its docs (/api/v1/docs/), served from our own static
# files (drf-spectacular-sidecar), never from a CDN.
SPECTACULAR_SETTINGS = {
    "TITLE": "CameraMap API",
    "DESCRIPTION": (
        "Verified surveillance cameras and neighbourhood figures as GeoJSON "
        "(coordinates [longitude, latitude], WGS 84). Errors are JSON: "
        '`{"detail": "…"}`, plus `{"errors": {"field": ["…"]}}` for invalid fields. '
        "Data licence: " + CAMERAMAP_DATA_LICENSE + "."
    ),
    "VERSION": "1",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_GENERATE_CHOICE_DESCRIPTION": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

LEAFLET_CONFIG = {
    "TILES": [("OpenStreetMap", CAMERAMAP_TILE_URL, {"attribution": CAMERAMAP_TILE_ATTRIBUTION})],
    "DEFAULT_CENTER": (40.65, -73.95),
    "DEFAULT_ZOOM": 11,
    "MIN_ZOOM": 2,
    "MAX_ZOOM": 19,
    "RESET_VIEW": False,
}

# --- Reports from volunteers (/submit/, POST /api/v1/sightings/) ---------------------------
# Anonymous reports are accepted unless this is on.
CAMERAMAP_REQUIRE_SIGN_IN = env_bool("CAMERAMAP_REQUIRE_SIGN_IN", False)
# Reports one client may send; anonymous clients are told apart by a keyed hash of their IP
# address (the key changes every day), signed-in ones by their account.
CAMERAMAP_THROTTLE_ANON = env_rate("CAMERAMAP_THROTTLE_ANON", "60/hour")
CAMERAMAP_THROTTLE_USER = env_rate("CAMERAMAP_THROTTLE_USER", "300/hour")
# Reverse proxies in front of the app: the client's address is taken that many hops back in
# X-Forwarded-For. 0 (no proxy) ignores the header, which clients could otherwise forge.
CAMERAMAP_NUM_PROXIES = env_int("CAMERAMAP_NUM_PROXIES", 0, minimum=0)
REST_FRAMEWORK["NUM_PROXIES"] = CAMERAMAP_NUM_PROXIES

# Sign-in throttling (django-axes): after CAMERAMAP_SIGNIN_FAILURES wrong passwords for one
# username from one client, that pair is locked out for CAMERAMAP_SIGNIN_COOLOFF_MINUTES and
# answered 429. The client is known by the same daily-keyed hash of its address as the report
# throttle (see cameramap.signin): axes never stores an IP address.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
CAMERAMAP_SIGNIN_FAILURES = env_int("CAMERAMAP_SIGNIN_FAILURES", 5, minimum=1)
CAMERAMAP_SIGNIN_COOLOFF_MINUTES = env_int("CAMERAMAP_SIGNIN_COOLOFF_MINUTES", 15, minimum=1)
AXES_FAILURE_LIMIT = CAMERAMAP_SIGNIN_FAILURES
AXES_COOLOFF_TIME = timedelta(minutes=CAMERAMAP_SIGNIN_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "cameramap.signin.client_key"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "cameramap.signin.locked_out"

# No row per successful sign-in: nothing about who signed in when is kept.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
# Where reports are accepted: empty (anywhere), minlon,minlat,maxlon,maxlat, or GeoJSON
# (inline or a file's path) with polygons.
CAMERAMAP_SERVICE_AREA = parse_service_area(
    env_str("CAMERAMAP_SERVICE_AREA", ""), base_dir=BASE_DIR
)
# Photos arrive in memory only: an original (GPS and all) is never written to a temporary file.
# The sightings endpoint bounds the body itself (20 MB photo + 1 MB of fields).
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 21 * 1024 * 1024
# A shared cache keeps throttle counts across processes (gunicorn workers).
if env_str("REDIS_URL", ""):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env_str("REDIS_URL", ""),
        }
    }
for _public in (MEDIA_ROOT, STATIC_ROOT):
    if PRIVATE_MEDIA_ROOT.resolve().is_relative_to(_public.resolve()) or (
        _public.resolve().is_relative_to(PRIVATE_MEDIA_ROOT.resolve())
    ):
        raise ImproperlyConfigured(
            f"PRIVATE_MEDIA_ROOT ({PRIVATE_MEDIA_ROOT}) must not be inside or contain a publicly "
            f"served directory ({_public})"
        )

# --- Security (docs/deploy.md; deploy/production.env.example passes `check --deploy`) ---------
# Served over HTTPS: redirect plain HTTP, cookies only over HTTPS.
CAMERAMAP_HTTPS = env_bool("CAMERAMAP_HTTPS", False)
SECURE_SSL_REDIRECT = CAMERAMAP_HTTPS
SESSION_COOKIE_SECURE = CAMERAMAP_HTTPS
CSRF_COOKIE_SECURE = CAMERAMAP_HTTPS
# Only a proxy we were told about (CAMERAMAP_NUM_PROXIES) may say the request came over HTTPS;
# without one, a client could send the header itself.
if CAMERAMAP_NUM_PROXIES:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# Origins (https://map.example.org) allowed to POST forms when the Host differs from them.
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
# No page tells another site which page or camera a visitor came from. Not "no-referrer":
# under it Chromium sends `Origin: null` with every POST, and Django's CSRF check (which on
# HTTPS needs the Origin or the Referer) refuses the sign-in, the language switch and a
# signed-in volunteer's report (tests/browser/test_security_in_browser.py).
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
CAMERAMAP_PERMISSIONS_POLICY = (
    "geolocation=(self), camera=(self), microphone=(), payment=(), usb=(), "
    "interest-cohort=(), browsing-topics=()"
)
# Scripts and styles only from our own files: no inline code, no eval. Images: ours, the
# base map's tile server, and data:/blob: (the submit page's photo preview, Leaflet's and
# the API docs' icons).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [csp.SELF],
        # The nonce appears only on pages that ask for it: the admin's map widget
        # (django-leaflet), whose configuration is an inline script.
        "script-src": [csp.SELF, csp.NONCE],
        "style-src": [csp.SELF],
        "img-src": [csp.SELF, "data:", "blob:", tile_origin(CAMERAMAP_TILE_URL)],
        "connect-src": [csp.SELF],
        "font-src": [csp.SELF],
        "object-src": [csp.NONE],
        "base-uri": [csp.NONE],
        "frame-ancestors": [csp.NONE],
        "form-action": [csp.SELF],
    }
}
# Optional two-factor sign-in (django-otp, TOTP) for the moderators' and admins' pages.
CAMERAMAP_REQUIRE_2FA = env_bool("CAMERAMAP_REQUIRE_2FA", False)
CAMERAMAP_2FA_PATHS = ("/review/", "/api/v1/review/", "/admin/")
OTP_TOTP_ISSUER = "CameraMap"

# --- Retention (docs/privacy.md; `manage.py apply_retention`) -------------------------------
# Days after review after which a rejected report's photos are deleted.
CAMERAMAP_RETAIN_REJECTED_PHOTOS_DAYS = env_int(
    "CAMERAMAP_RETAIN_REJECTED_PHOTOS_DAYS", 30, minimum=0
)
# Days after review after which an approved or merged report forgets who sent it.
CAMERAMAP_RETAIN_SUBMITTER_DAYS = env_int("CAMERAMAP_RETAIN_SUBMITTER_DAYS", 90, minimum=0)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
