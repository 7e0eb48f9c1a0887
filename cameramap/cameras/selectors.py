"""Reads of cameras, for the API and the pages."""

import json

from django.contrib.gis.geos import Polygon
from django.db import connection
from django.db.models import Avg, Count, Min, Prefetch, QuerySet, Sum, TextField
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast

from cameramap.cameras.models import Camera, Photo
from cameramap.db import GridCell, PointX, PointY
from cameramap.lib.grid import WORLD, cell_size


def cameras_public(*, filters: dict | None = None) -> QuerySet[Camera]:
    """Active cameras with what their public representation needs, in id order."""
    published = Photo.objects.filter(is_published=True).order_by("-created_at", "-id")
    return (
        Camera.objects.public()
        .filter(**(filters or {}))
        .select_related("area")
        .prefetch_related(Prefetch("photos", queryset=published, to_attr="published_photos"))
        .order_by("id")
    )


def camera_photos(camera: Camera) -> QuerySet[Photo]:
    """A camera's published photos, newest first."""
    return camera.photos.filter(is_published=True).order_by("-created_at", "-id")


def cameras_in_bbox(cameras: QuerySet[Camera], bbox: Polygon) -> QuerySet[Camera]:
    """Narrow to the bbox, through the spatial index on both databases."""
    cameras = cameras.filter(location__contained=bbox)
    if connection.vendor == "sqlite":
        # SpatiaLite only uses its R*Tree when asked to (PostGIS does for `contained`).
        minlon, minlat, maxlon, maxlat = bbox.extent
        candidates = RawSQL(
            "SELECT pkid FROM idx_cameras_camera_location"
            " WHERE xmin <= %s AND xmax >= %s AND ymin <= %s AND ymax >= %s",
            (maxlon, minlon, maxlat, minlat),
        )
        cameras = cameras.filter(pk__in=candidates)
    return cameras


def camera_clusters(
    *, zoom: int, bbox: Polygon | None = None, filters: dict | None = None, max_cells: int
) -> list[dict]:
    """Public cameras grouped on a grid sized for the zoom, in one SQL aggregation.

    Each cell is a dict with its camera records (`rows`), the devices they hold (`count`) and
    their mean position; a cell holding one record also carries what drawing it needs (id,
    types, directions, height). At most `max_cells` cells, however many cameras there are.
    """
    extent = bbox.extent if bbox is not None else WORLD
    width, height = cell_size(zoom=zoom, bbox=extent, max_cells=max_cells)
    cameras = Camera.objects.public().filter(**(filters or {}))
    if bbox is not None:
        cameras = cameras_in_bbox(cameras, bbox)
    lon, lat = PointX("location"), PointY("location")
    cells = (
        cameras.order_by()
        .annotate(
            cell_x=GridCell(lon, origin=-180, size=width),
            cell_y=GridCell(lat, origin=-90, size=height),
        )
        .values("cell_x", "cell_y")
        # Over a single record, MIN() is that record's value.
        .annotate(
            rows=Count("id"),
            devices=Sum("count"),
            lon=Avg(lon),
            lat=Avg(lat),
            camera_id=Min("id"),
            surveillance_type=Min("surveillance_type"),
            camera_type=Min("camera_type"),
            directions=Min(Cast("directions", TextField())),
            height_m=Min("height_m"),
        )
    )
    result = []
    for cell in cells:
        item = {"rows": cell["rows"], "count": cell["devices"], "lon": cell["lon"]}
        item["lat"] = cell["lat"]
        if cell["rows"] == 1:
            item.update(
                id=cell["camera_id"],
                surveillance_type=cell["surveillance_type"],
                camera_type=cell["camera_type"],
                directions=json.loads(cell["directions"] or "[]"),
                height_m=cell["height_m"],
            )
        result.append(item)
    return result
