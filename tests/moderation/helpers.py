"""Pending sightings with real processed photos, and the figures a moderation must keep."""

import io
import uuid

from django.contrib.gis.geos import Point
from PIL import Image

from cameramap.areas.models import Area
from cameramap.cameras.services import sighting_submit

# Brooklyn, inside AreaFactory's default square (-73.99..-73.98, 40.69..40.70).
LON, LAT = -73.985, 40.695
# About 20 m north of (LON, LAT).
NEAR_LAT = LAT + 20 / 111_000


def checkerboard(size: int = 640, cell: int = 8) -> bytes:
    """A synthetic high-contrast pattern (black and white cells) as PNG."""
    image = Image.new("RGB", (size, size), "white")
    pixels = image.load()
    for y in range(size):
        for x in range(size):
            if (x // cell + y // cell) % 2:
                pixels[x, y] = (0, 0, 0)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def pending(*, submitter=None, photo: bytes | None = None, lon=LON, lat=LAT, **fields):
    """A pending sighting sent through the real submission service."""
    return sighting_submit(
        client_id=uuid.uuid4(),
        latitude=lat,
        longitude=lon,
        location_source="device",
        submitter=submitter,
        submitter_token_hash=None if submitter else uuid.uuid4().hex,
        photo=photo,
        **fields,
    ).sighting


def figures() -> dict:
    """Every area's maintained figures, to compare before and after."""
    return {
        area.slug: (area.camera_count, area.density_per_km2, area.per_1000_residents, area.rank)
        for area in Area.objects.all()
    }


def point(lon=LON, lat=LAT) -> Point:
    return Point(lon, lat, srid=4326)
