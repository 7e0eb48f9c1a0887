"""Writes for cameras. Each service keeps the neighbourhood figures current."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from itertools import islice

from django.contrib.gis.geos import Point
from django.db import transaction
from django.utils import timezone

from cameramap.areas.services import areas_locate_cameras, areas_refresh_figures
from cameramap.cameras.models import Camera
from cameramap.lib.camera_files import CameraFileError, CameraRecord

BATCH_SIZE = 2000
# What an import may set; status, confirmations and first_reported stay as reviews left them.
IMPORTED_FIELDS = [
    "location",
    "count",
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
    "tags",
]


@dataclass
class CamerasImportResult:
    created: int = 0
    updated: int = 0


@transaction.atomic
def cameras_import(*, records: Iterable[CameraRecord], source: str) -> CamerasImportResult:
    """Upsert verified cameras by (source, source_id), then refresh every figure.

    Records are written in batches as they come, and nothing is kept per record between
    batches, so memory stays flat however long the file: an id that appears twice is caught
    within its batch, or else by counting the rows this import touched (their updated_at).
    """
    before = Camera.objects.filter(source=source).count()
    started = timezone.now()
    today = timezone.localdate()
    iterator = iter(records)
    total = 0
    while batch := list(islice(iterator, BATCH_SIZE)):
        ids: set[str] = set()
        for record in batch:
            if record.source_id in ids:
                raise CameraFileError(f"camera id {record.source_id!r} appears more than once")
            ids.add(record.source_id)
        total += len(batch)
        Camera.objects.bulk_create(
            [_camera_from_record(record, source, today) for record in batch],
            update_conflicts=True,
            unique_fields=["source", "source_id"],
            update_fields=[*IMPORTED_FIELDS, "updated_at"],
        )
    touched = Camera.objects.filter(source=source, updated_at__gte=started).count()
    if touched < total:
        raise CameraFileError(f"{total - touched} camera ids appear more than once")
    created = Camera.objects.filter(source=source).count() - before
    areas_locate_cameras(source=source)
    areas_refresh_figures()
    return CamerasImportResult(created=created, updated=total - created)


def _camera_from_record(record: CameraRecord, source: str, today: date) -> Camera:
    fields = dict(record.fields)
    first_reported = fields.pop("first_reported", None) or today
    last_confirmed = fields.pop("last_confirmed", None)
    if last_confirmed and last_confirmed < first_reported:
        last_confirmed = first_reported
    return Camera(
        location=Point(record.lon, record.lat, srid=4326),
        count=record.count,
        source=source,
        source_id=record.source_id,
        tags=record.tags,
        first_reported=first_reported,
        last_confirmed=last_confirmed,
        **fields,
    )


@transaction.atomic
def camera_create(*, location: Point, source: str = "cameramap", **fields) -> Camera:
    """A single verified camera, placed in its area, with the figures updated."""
    fields.setdefault("first_reported", timezone.localdate())
    camera = Camera(location=location, source=source, **fields)
    camera.full_clean()
    camera.save()
    areas_locate_cameras(camera_ids=[camera.pk])
    camera.refresh_from_db(fields=["area"])
    if camera.area_id:
        areas_refresh_figures(area_ids=[camera.area_id])
    return camera
