"""Open data: every public camera as GeoJSON or CSV, every area with its figures as GeoJSON.

Each export is produced as a stream of text chunks, so a million cameras never sit in memory;
the download views and `export_cameras` write the same chunks. Cameras carry the API's public
properties under the vocabulary's names, which `import_cameras` reads back: an export
re-imports losslessly. Coordinates are written as Python writes floats (the shortest text that
reads back as the same number).
"""

import csv
import io
import json
from collections.abc import Iterator
from datetime import date, datetime

from django.conf import settings
from django.db.models import F, OuterRef, Subquery

from cameramap.areas.models import Area
from cameramap.cameras.models import Camera, Photo
from cameramap.db import PointX, PointY

# The public properties of a camera and of an area, in the order files list them; the API's
# serializers use the same ones. Tuples: rest_framework_gis adds its geometry field to a
# serializer's Meta.fields with `+=`, which would grow a shared list in place.
CAMERA_FIELDS = (
    "id",
    "surveillance_type",
    "camera_type",
    "mount",
    "zone",
    "watches",
    "operator_type",
    "operator",
    "face_recognition",
    "directions",
    "height_m",
    "count",
    "confirmations",
    "first_reported",
    "last_confirmed",
    "photo",
    "area",
)
AREA_FIELDS = (
    "slug",
    "name",
    "code",
    "camera_count",
    "area_km2",
    "density_per_km2",
    "population",
    "per_1000_residents",
    "rank",
)
CSV_COLUMNS = ["id", "longitude", "latitude", *CAMERA_FIELDS[1:], "license", "generated_at"]
CHUNK = 2000


def public_camera_rows(*, media_url: str | None = None) -> Iterator[dict]:
    """Every public camera's properties plus `lon`/`lat`, in id order, read in chunks."""
    media_url = settings.MEDIA_URL if media_url is None else media_url
    photo = (
        Photo.objects.filter(camera=OuterRef("pk"), is_published=True)
        .order_by("-created_at", "-id")
        .values("image")[:1]
    )
    stored = [name for name in CAMERA_FIELDS if name not in ("photo", "area")]
    rows = (
        Camera.objects.public()
        .order_by("id")
        .annotate(lon=PointX("location"), lat=PointY("location"))
        .annotate(photo_name=Subquery(photo), area_slug=F("area__slug"))
        .values(*stored, "lon", "lat", "photo_name", "area_slug")
    )
    for row in rows.iterator(chunk_size=CHUNK):
        name = row.pop("photo_name")
        row["photo"] = f"{media_url}{name}" if name else None
        row["area"] = row.pop("area_slug")
        yield row


def cameras_geojson(*, generated_at: datetime, media_url: str | None = None) -> Iterator[str]:
    """A FeatureCollection of every public camera, with the licence and the time made."""
    header = _header("cameras", generated_at)
    yield json.dumps(header, ensure_ascii=False)[:-1] + ', "features": [\n'
    for number, row in enumerate(public_camera_rows(media_url=media_url)):
        lon, lat = row.pop("lon"), row.pop("lat")
        feature = {
            "type": "Feature",
            "id": row["id"],
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {name: _plain(row[name]) for name in CAMERA_FIELDS},
        }
        yield (",\n" if number else "") + json.dumps(feature, ensure_ascii=False)
    yield "\n]}\n"


def cameras_csv(*, generated_at: datetime, media_url: str | None = None) -> Iterator[str]:
    """One row per public camera; directions joined with ";" as OpenStreetMap does."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    stamp = (settings.CAMERAMAP_DATA_LICENSE, _stamp(generated_at))
    for number, row in enumerate(public_camera_rows(media_url=media_url), start=1):
        row["directions"] = ";".join(str(direction) for direction in row["directions"])
        row["longitude"], row["latitude"] = row.pop("lon"), row.pop("lat")
        writer.writerow([_csv_value(row[name]) for name in CSV_COLUMNS[:-2]] + list(stamp))
        if number % CHUNK == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def areas_geojson(*, generated_at: datetime) -> Iterator[str]:
    """A FeatureCollection of every area, densest first, with its shape and figures."""
    header = _header("areas", generated_at)
    header["figures"] = (
        "camera_count: sum of the count of the active cameras inside (a camera on a shared"
        " border counts in the area with the lowest code); area_km2: geodesic area on WGS 84;"
        " density_per_km2 = camera_count / area_km2; per_1000_residents when a population is"
        " known; rank: 1 = densest, equal densities share a rank"
    )
    yield json.dumps(header, ensure_ascii=False)[:-1] + ', "features": [\n'
    for number, area in enumerate(Area.objects.ranked().iterator(chunk_size=100)):
        feature = {
            "type": "Feature",
            "id": area.slug,
            "geometry": {"type": "MultiPolygon", "coordinates": area.geom.coords},
            "properties": {name: getattr(area, name) for name in AREA_FIELDS},
        }
        yield (",\n" if number else "") + json.dumps(feature, ensure_ascii=False)
    yield "\n]}\n"


def _header(what: str, generated_at: datetime) -> dict:
    return {
        "type": "FeatureCollection",
        "name": f"cameramap-{what}",
        "license": settings.CAMERAMAP_DATA_LICENSE,
        "generated_at": _stamp(generated_at),
    }


def _stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _plain(value):
    return value.isoformat() if isinstance(value, date) else value


def _csv_value(value) -> str:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, date) else str(value)
