"""The optional service area: where a deployment accepts reports (a bounding box or polygons).

Parsed and checked at start-up in plain Python, kept as a GeoJSON MultiPolygon. GEOS is only
used when a report is checked against it: settings must not load GeoDjango's libraries.
"""

import json
import math
from functools import lru_cache
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

HELP = (
    "CAMERAMAP_SERVICE_AREA must be empty, a bounding box minlon,minlat,maxlon,maxlat, "
    "a GeoJSON Polygon/MultiPolygon/Feature/FeatureCollection, or the path of a GeoJSON file"
)


def parse_service_area(raw: str, *, base_dir: Path) -> dict | None:
    """The area as a GeoJSON MultiPolygon in WGS 84, or None when reports are accepted anywhere."""
    text = raw.strip()
    if not text:
        return None
    if text.startswith("{"):
        return _from_geojson(text)
    parts = text.split(",")
    if len(parts) == 4:
        return _from_bbox(parts)
    path = Path(text) if Path(text).is_absolute() else base_dir / text
    if not path.is_file():
        raise ImproperlyConfigured(f"{HELP}; {text!r} is none of these (no such file)")
    return _from_geojson(path.read_text())


def covers(area: dict, *, longitude: float, latitude: float) -> bool:
    """Whether the point lies inside the area or on its edge."""
    from django.contrib.gis.geos import Point

    return _geometry(json.dumps(area, sort_keys=True)).covers(Point(longitude, latitude))


def bounds(area: dict) -> tuple[float, float, float, float]:
    """minlon, minlat, maxlon, maxlat."""
    points = [point for polygon in area["coordinates"] for ring in polygon for point in ring]
    longitudes, latitudes = [p[0] for p in points], [p[1] for p in points]
    return min(longitudes), min(latitudes), max(longitudes), max(latitudes)


@lru_cache(maxsize=4)
def _geometry(text: str):
    from django.contrib.gis.geos import GEOSGeometry

    geometry = GEOSGeometry(text, srid=4326)
    return geometry if geometry.valid else geometry.make_valid()


def _from_bbox(parts: list[str]) -> dict:
    try:
        minlon, minlat, maxlon, maxlat = (float(part) for part in parts)
    except ValueError:
        message = f"{HELP}; the bounding box has a part that is no number"
        raise ImproperlyConfigured(message) from None
    values = (minlon, minlat, maxlon, maxlat)
    if not all(math.isfinite(v) for v in values) or not (
        -180 <= minlon < maxlon <= 180 and -90 <= minlat < maxlat <= 90
    ):
        raise ImproperlyConfigured(f"{HELP}; the bounding box must have min < max, in degrees")
    ring = [
        [minlon, minlat],
        [maxlon, minlat],
        [maxlon, maxlat],
        [minlon, maxlat],
        [minlon, minlat],
    ]
    return {"type": "MultiPolygon", "coordinates": [[ring]]}


def _from_geojson(text: str) -> dict:
    try:
        document = json.loads(text)
        polygons = [polygon for item in _members(document) for polygon in _polygons(item)]
    except (ValueError, TypeError, KeyError, IndexError) as error:
        raise ImproperlyConfigured(f"{HELP}; the GeoJSON could not be read ({error})") from None
    if not polygons:
        raise ImproperlyConfigured(f"{HELP}; the GeoJSON holds no polygon")
    return {"type": "MultiPolygon", "coordinates": polygons}


def _members(document: dict) -> list[dict]:
    if document.get("type") == "FeatureCollection":
        return [feature["geometry"] for feature in document["features"]]
    if document.get("type") == "Feature":
        return [document["geometry"]]
    return [document]


def _polygons(geometry: dict) -> list:
    kind = geometry["type"]
    if kind == "Polygon":
        polygons = [geometry["coordinates"]]
    elif kind == "MultiPolygon":
        polygons = geometry["coordinates"]
    else:
        raise ValueError(f"it holds a {kind}, not polygons")
    for polygon in polygons:
        for ring in polygon:
            if len(ring) < 4 or ring[0] != ring[-1]:
                raise ValueError("a polygon ring is not closed")
            for point in ring:
                lon, lat = float(point[0]), float(point[1])
                if not (-180 <= lon <= 180 and -90 <= lat <= 90):
                    raise ValueError(f"{point} is not a longitude, latitude in degrees")
    return polygons
