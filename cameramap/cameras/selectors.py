"""Reads of cameras, for the API and the pages."""

import json

from django.contrib.gis.geos import Polygon
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.expressions import RawSQL

from cameramap.cameras.models import Camera, ModerationEvent, Photo, Sighting
from cameramap.cameras.roles import is_moderator
from cameramap.db import PointX, PointY, grid_cell_sql
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


def sightings_of_submitter(*, user=None, token_hash: str | None = None) -> QuerySet[Sighting]:
    """One volunteer's own reports (signed in, or this browser's anonymous ones), newest first."""
    return (
        Sighting.objects.for_submitter(user=user, token_hash=token_hash)
        .prefetch_related(Prefetch("photos", queryset=Photo.objects.order_by("id")))
        .order_by("-created_at", "-id")
    )


def sightings_visible_to(*, user=None, token_hash: str | None = None) -> QuerySet[Sighting]:
    """Sightings one may look at: moderators all of them, volunteers their own."""
    if is_moderator(user):
        return Sighting.objects.prefetch_related("photos")
    return sightings_of_submitter(user=user, token_hash=token_hash)


def photos_visible_to(*, user=None, token_hash: str | None = None) -> QuerySet[Photo]:
    """Photos one may look at: published ones, and unpublished ones of visible sightings."""
    sightings = sightings_visible_to(user=user, token_hash=token_hash)
    return Photo.objects.filter(
        Q(is_published=True) | Q(sighting__in=sightings.order_by().values("pk"))
    )


def camera_photos(camera: Camera) -> QuerySet[Photo]:
    """A camera's published photos, newest first."""
    return camera.photos.filter(is_published=True).order_by("-created_at", "-id")


# Over a wider view than this (in square degrees) most cameras are in it anyway, and SQLite
# is quicker scanning the table than fetching every row through its R*Tree.
RTREE_MAX_DEG2 = 100


def cameras_in_bbox(cameras: QuerySet[Camera], bbox: Polygon) -> QuerySet[Camera]:
    """Narrow to the bbox, through the spatial index on both databases."""
    cameras = cameras.filter(location__contained=bbox)
    if connection.vendor == "sqlite" and bbox.area <= RTREE_MAX_DEG2:
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
    """Public cameras grouped on a grid sized for the zoom, in one SQL statement.

    Each cell is a dict with its camera records (`rows`), the devices they hold (`count`) and
    their mean position; a cell holding one record also carries what drawing it needs (id,
    types, directions, height). At most `max_cells` cells, however many cameras there are.
    """
    extent = bbox.extent if bbox is not None else WORLD
    width, height = cell_size(zoom=zoom, bbox=extent, max_cells=max_cells)
    cameras = Camera.objects.public().filter(**(filters or {}))
    if bbox is not None:
        cameras = cameras_in_bbox(cameras, bbox)
    # The filters as the ORM writes them; each position read once per row (in SpatiaLite,
    # reading a coordinate parses the geometry), kept apart from the grouping by a fence
    # that stops the planner from folding the subquery back in.
    positions = cameras.order_by().annotate(x=PointX("location"), y=PointY("location"))
    try:
        inner, params = positions.values("id", "count", "x", "y").query.sql_with_params()
    except EmptyResultSet:  # filters that no camera can match
        return []
    vendor = connection.vendor
    fence = "OFFSET 0" if vendor == "postgresql" else "LIMIT -1"
    sql = (
        "SELECT cells.records, cells.devices, cells.lon, cells.lat, camera.id,"  # noqa: S608
        " camera.surveillance_type, camera.camera_type, camera.directions, camera.height_m"
        " FROM (SELECT COUNT(*) AS records, SUM(count) AS devices, AVG(x) AS lon, AVG(y) AS lat,"
        " MIN(id) AS first_id"
        f" FROM ({inner} {fence}) AS positions"
        f" GROUP BY {grid_cell_sql(vendor, 'x')}, {grid_cell_sql(vendor, 'y')}) AS cells"
        # A cell of one record is drawn as that camera: its details, joined by primary key.
        " LEFT JOIN cameras_camera AS camera ON cells.records = 1 AND camera.id = cells.first_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, -180.0, width, -90.0, height])
        rows = cursor.fetchall()
    result = []
    for records, devices, lon, lat, camera_id, kind, camera_type, directions, height_m in rows:
        item = {"rows": records, "count": devices, "lon": lon, "lat": lat}
        if camera_id is not None:
            if isinstance(directions, str):  # SQLite hands JSON back as text
                directions = json.loads(directions)
            item.update(
                id=camera_id,
                surveillance_type=kind,
                camera_type=camera_type,
                directions=directions or [],
                height_m=height_m,
            )
        result.append(item)
    return result


# One camera as the GeoJSON Feature CameraSerializer makes of it, built by PostGIS. Coordinates
# to 15 decimals, as GDAL writes them for the serializer; the photo is the newest published one.
CAMERA_FEATURE_SQL = """json_build_object(
    'type', 'Feature',
    'id', cameras_camera.id,
    'geometry', ST_AsGeoJSON(cameras_camera.location, 15)::json,
    'properties', json_build_object(
        'id', cameras_camera.id,
        'surveillance_type', cameras_camera.surveillance_type,
        'camera_type', cameras_camera.camera_type,
        'mount', cameras_camera.mount,
        'zone', cameras_camera.zone,
        'watches', cameras_camera.watches,
        'operator_type', cameras_camera.operator_type,
        'operator', cameras_camera.operator,
        'face_recognition', cameras_camera.face_recognition,
        'directions', cameras_camera.directions,
        'height_m', cameras_camera.height_m,
        'count', cameras_camera.count,
        'confirmations', cameras_camera.confirmations,
        'first_reported', cameras_camera.first_reported,
        'last_confirmed', cameras_camera.last_confirmed,
        'photo', %s || (SELECT photo.image FROM cameras_photo AS photo
            WHERE photo.camera_id = cameras_camera.id AND photo.is_published
            ORDER BY photo.created_at DESC, photo.id DESC LIMIT 1),
        'area', (SELECT area.slug FROM areas_area AS area WHERE area.id = cameras_camera.area_id)
    )
)"""


def cameras_features_json(cameras: QuerySet[Camera], *, media_url: str) -> str:
    """The cameras (a filtered, ordered, possibly sliced queryset) as the JSON text of an array
    of GeoJSON Features, made by PostGIS in the statement that finds them (PostGIS only).

    Per-object serializers cost ~0.2 ms a camera in Python; 5,000 of them would be a second.
    """
    # Constant SQL; the one value (the media URL) travels as a parameter.
    feature = RawSQL(CAMERA_FEATURE_SQL, (media_url,))  # noqa: S611
    features = cameras.annotate(feature=feature).values("feature")
    try:
        inner, params = features.query.sql_with_params()
    except EmptyResultSet:
        return "[]"
    # json_agg keeps the rows' order (the subquery's ORDER BY id).
    sql = f"SELECT COALESCE(json_agg(page.feature), '[]')::text FROM ({inner}) AS page"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


# --- Review (moderators only) -----------------------------------------------------------------

NEARBY_METRES = 50
# Candidates first through the spatial index, by a box wide enough for 50 m up to ±84° latitude.
NEARBY_BOX_DEG = 0.005


def sightings_pending() -> QuerySet[Sighting]:
    """The review queue: pending sightings, oldest first."""
    return Sighting.objects.pending().order_by("created_at", "id")


def cameras_near_sightings(sighting_ids: list[int]) -> dict[int, list[tuple[int, float]]]:
    """For each sighting, the active cameras within NEARBY_METRES (geodesic, on the WGS 84
    ellipsoid on both databases) as (camera id, metres), nearest first. One query."""
    if not sighting_ids:
        return {}
    marks = ", ".join(["%s"] * len(sighting_ids))
    if connection.vendor == "postgresql":
        distance = "ST_Distance(s.location::geography, c.location::geography, true)"
        candidates = "c.location && ST_Expand(s.location, %s)"
    else:
        distance = "ST_Distance(s.location, c.location, 1)"
        candidates = (
            "c.id IN (SELECT pkid FROM idx_cameras_camera_location"
            " WHERE xmin <= ST_X(s.location) + %s AND xmax >= ST_X(s.location) - %s"
            " AND ymin <= ST_Y(s.location) + %s AND ymax >= ST_Y(s.location) - %s)"
        )
    box = [NEARBY_BOX_DEG] * candidates.count("%s")
    # Only constant SQL is assembled here; values travel as parameters.
    sql = (
        f"SELECT s.id, c.id, {distance} AS metres"  # noqa: S608
        " FROM cameras_sighting AS s JOIN cameras_camera AS c"
        f" ON {candidates} AND c.status = 'active'"
        f" WHERE s.id IN ({marks}) AND {distance} <= %s"
        " ORDER BY s.id, metres, c.id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*box, *sighting_ids, NEARBY_METRES])
        rows = cursor.fetchall()
    nearby: dict[int, list[tuple[int, float]]] = {}
    for sighting_id, camera_id, metres in rows:
        nearby.setdefault(sighting_id, []).append((camera_id, metres))
    return nearby


def sightings_for_review(sightings: list[Sighting]) -> list[Sighting]:
    """Give each sighting what a moderator needs: `nearby` (cameras within 50 m, each with
    `metres` and `published_photos`) and `track_record` (the submitter's approved and
    rejected counts). A fixed number of queries however many sightings."""
    near = cameras_near_sightings([s.pk for s in sightings])
    camera_ids = {camera_id for pairs in near.values() for camera_id, _ in pairs}
    cameras = {c.pk: c for c in cameras_public().filter(pk__in=camera_ids)} if camera_ids else {}
    records = submitter_track_records(sightings)
    for sighting in sightings:
        sighting.nearby = []
        for camera_id, metres in near.get(sighting.pk, []):
            camera = cameras[camera_id]
            sighting.nearby.append({"camera": camera, "metres": metres})
        sighting.track_record = records.get(sighting.pk, {"approved": 0, "rejected": 0})
    return sightings


def submitter_track_records(sightings: list[Sighting]) -> dict[int, dict[str, int]]:
    """How each sighting's submitter has fared: approved (or merged) and rejected reports.
    Counts only, never who they are. Two queries at most."""
    users = {s.submitter_id for s in sightings if s.submitter_id}
    tokens = {s.submitter_token for s in sightings if not s.submitter_id and s.submitter_token}
    reviewed = Sighting.objects.filter(status__in=["approved", "merged", "rejected"]).order_by()
    by_user = _status_counts(reviewed, "submitter", users)
    by_token = _status_counts(reviewed, "submitter_token", tokens)
    records = {}
    for sighting in sightings:
        if sighting.submitter_id:
            counts = by_user.get(sighting.submitter_id, {})
        else:
            counts = by_token.get(sighting.submitter_token, {})
        records[sighting.pk] = {
            "approved": counts.get("approved", 0) + counts.get("merged", 0),
            "rejected": counts.get("rejected", 0),
        }
    return records


def _status_counts(reviewed, field: str, keys: set) -> dict:
    """{key: {status: count}} of the reviewed sightings whose `field` is one of `keys`."""
    counts: dict = {}
    if keys:
        rows = reviewed.filter(**{f"{field}__in": keys}).values_list(field, "status")
        for key, status, total in rows.annotate(total=Count("id")):
            counts.setdefault(key, {})[status] = total
    return counts


def moderation_history(*, sighting: Sighting | None = None, camera: Camera | None = None):
    """The events on a sighting or a camera (and its sightings), oldest first. Moderators only."""
    events = ModerationEvent.objects.select_related("actor")
    if sighting is not None:
        events = events.filter(sighting=sighting)
    if camera is not None:
        events = events.filter(Q(camera=camera) | Q(sighting__camera=camera))
    return events.order_by("created_at", "id")
