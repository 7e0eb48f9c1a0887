"""Query-string filters shared by the camera endpoints; bad values are 400s, never 500s."""

import math
import re

from django.contrib.gis.geos import Polygon
from rest_framework.exceptions import ValidationError

from cameramap.lib.grid import MAX_ZOOM
from cameramap.lib.vocabulary import VOCABULARY

FILTER_FIELDS = ("surveillance_type", "camera_type", "mount", "zone", "operator_type", "watches")
# What Django's <slug:> path converter accepts; anything else (a NUL byte included, which
# PostgreSQL refuses in text) cannot name an area.
SLUG = re.compile(r"[-a-zA-Z0-9_]+")


def parse_bbox(raw: str | None) -> Polygon | None:
    """minlon,minlat,maxlon,maxlat -> a WGS 84 polygon."""
    if raw is None:
        return None
    message = "bbox must be minlon,minlat,maxlon,maxlat in degrees, with min < max"
    parts = raw.split(",")
    if len(parts) != 4:
        raise ValidationError({"bbox": [message]})
    try:
        minlon, minlat, maxlon, maxlat = (float(part) for part in parts)
    except ValueError:
        raise ValidationError({"bbox": [message]}) from None
    values = (minlon, minlat, maxlon, maxlat)
    if not all(math.isfinite(value) for value in values):
        raise ValidationError({"bbox": [message]})
    if not (-180 <= minlon < maxlon <= 180 and -90 <= minlat < maxlat <= 90):
        raise ValidationError({"bbox": [message]})
    return Polygon.from_bbox(values)


def vocabulary_filters(params) -> dict:
    """?camera_type=dome,fixed&zone=traffic -> ORM filters; unknown values are refused."""
    filters, errors = {}, {}
    for field in FILTER_FIELDS:
        raw = params.get(field)
        if raw is None or raw == "":
            continue
        values = [value.strip() for value in raw.split(",") if value.strip()]
        allowed = VOCABULARY[field].values
        wrong = [value for value in values if value not in allowed]
        if not values:
            errors[field] = [f"give at least one of: {', '.join(allowed)}"]
            continue
        if wrong:
            errors[field] = [f"{wrong[0]!r} is not one of: {', '.join(allowed)}"]
            continue
        filters[f"{field}__in"] = values
    if errors:
        raise ValidationError(errors)
    return filters


def camera_filters(params) -> dict:
    filters = vocabulary_filters(params)
    bbox = parse_bbox(params.get("bbox"))
    if bbox is not None:
        filters["location__contained"] = bbox
    if params.get("area"):
        if not SLUG.fullmatch(params["area"]):
            raise ValidationError({"area": ["area must be a neighbourhood's slug"]})
        filters["area__slug"] = params["area"]
    return filters


def parse_zoom(raw: str | None) -> int:
    """A map zoom level: a whole number from 0 to MAX_ZOOM."""
    message = f"zoom must be a whole number from 0 to {MAX_ZOOM}"
    # ASCII digits only: str.isdigit() also accepts "²", which int() refuses.
    if raw is None or not re.fullmatch(r"[0-9]{1,2}", raw.strip()) or int(raw) > MAX_ZOOM:
        raise ValidationError({"zoom": [message]})
    return int(raw)


def parse_flag(name: str, raw: str | None, *, default: bool) -> bool:
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in ("1", "true", "yes"):
        return True
    if value in ("0", "false", "no"):
        return False
    raise ValidationError({name: ["must be true or false"]})
