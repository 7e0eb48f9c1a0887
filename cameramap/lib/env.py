"""Read settings from the environment; a bad value stops start-up with a one-line message."""

import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name} must be one of 1/0, true/false, yes/no, on/off, not {raw!r}"
    )


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {value}")
    return value


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def parse_database_url(url: str, *, base_dir: Path) -> dict:
    """Turn spatialite:///relative/path, spatialite:////abs/path or postgis://… into DATABASES."""
    parts = urlsplit(url)
    if parts.scheme == "spatialite":
        if parts.netloc or not parts.path.strip("/"):
            raise ImproperlyConfigured(
                "DATABASE_URL spatialite:// needs a file path, e.g. spatialite:///var/cameramap.sqlite3"
            )
        # spatialite:///var/db.sqlite3 is relative to the project, spatialite:////srv/db absolute.
        path = parts.path[1:]
        return {
            "ENGINE": "django.contrib.gis.db.backends.spatialite",
            "NAME": str(base_dir / path) if not path.startswith("/") else path,
            "OPTIONS": {"timeout": 20},
            # Said explicitly so that pytest-xdist workers keep in-memory test databases too.
            "TEST": {"NAME": ":memory:"},
        }
    if parts.scheme in {"postgis", "postgres", "postgresql"}:
        name = unquote(parts.path.lstrip("/"))
        if not name:
            raise ImproperlyConfigured(
                "DATABASE_URL postgis:// needs a database name, e.g. postgis://user:pass@host:5432/cameramap"
            )
        try:
            port = parts.port
        except ValueError:
            raise ImproperlyConfigured("DATABASE_URL has an invalid port") from None
        return {
            "ENGINE": "django.contrib.gis.db.backends.postgis",
            "NAME": name,
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(port or ""),
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
        }
    raise ImproperlyConfigured("DATABASE_URL must be spatialite:// or postgis://")


RATE_PERIODS = ("second", "minute", "hour", "day")


def env_rate(name: str, default: str) -> str:
    """A throttle rate like 60/hour (per second, minute, hour or day)."""
    raw = os.environ.get(name, default).strip()
    count, _, period = raw.partition("/")
    if not (count.isdigit() and int(count) > 0 and period in RATE_PERIODS):
        raise ImproperlyConfigured(
            f"{name} must look like 60/hour (a number per second, minute, hour or day), "
            f"not {raw!r}"
        )
    return raw


def tile_origin(url_template: str) -> str:
    """The origin a tile URL template loads from, for the Content-Security-Policy:
    https://{s}.tile.example.org/{z}/{x}/{y}.png -> https://*.tile.example.org."""
    parts = urlsplit(url_template)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ImproperlyConfigured(
            f"CAMERAMAP_TILE_URL must be an http(s) URL, not {url_template!r}"
        )
    host = parts.netloc
    if "{" in host:
        host = "*." + host.split(".", 1)[1]
    return f"{parts.scheme}://{host}"
