"""Writes for cameras. Each service keeps the neighbourhood figures current."""

import hmac
import logging
import math
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import islice

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.gis.geos import Point
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from cameramap.areas.services import areas_locate_cameras, areas_refresh_figures
from cameramap.cameras import photo_store
from cameramap.cameras.models import Camera, Photo, Sighting
from cameramap.lib import images, service_area
from cameramap.lib.camera_files import CameraFileError, CameraRecord

log = logging.getLogger(__name__)

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


# --- Sightings and their photos ---------------------------------------------------------------


MAX_NOTE_LENGTH = 1000
# What a volunteer may say about the camera, besides where it is.
SIGHTING_DESCRIPTION_FIELDS = (
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
)


class SightingConflict(Exception):
    """The client_id belongs to a report from someone else."""


@dataclass
class SightingSubmitResult:
    sighting: Sighting
    # False when the client_id had been seen before and the first report is returned again.
    created: bool


def sighting_submit(
    *,
    client_id: uuid.UUID,
    latitude: float,
    longitude: float,
    location_source: str,
    submitter: AbstractBaseUser | None = None,
    submitter_token_hash: str | None = None,
    photo: bytes | None = None,
    note: str = "",
    **description,
) -> SightingSubmitResult:
    """Record a volunteer's report, pending review; the same client_id always gives one report.

    Not one big transaction: the photo is processed (slow, pure) before the database is
    touched, its files are staged in the private store, the rows are written atomically, and
    only then are the files moved into place. A refused or failed report leaves no file behind.
    Raises ValidationError (bad fields, outside the service area), images.PhotoError (a photo
    that cannot be accepted) or SightingConflict.
    """
    if submitter is not None and not submitter.is_authenticated:
        submitter = None
    existing = _sighting_by_client_id(client_id, submitter, submitter_token_hash)
    if existing:
        return SightingSubmitResult(sighting=existing, created=False)
    sighting = _valid_sighting(
        client_id=client_id,
        latitude=latitude,
        longitude=longitude,
        location_source=location_source,
        note=note,
        submitter=submitter,
        submitter_token=None if submitter else submitter_token_hash,
        description=description,
    )
    processed = images.process(photo) if photo else None
    staged = photo_store.StagedFiles(published=False)
    try:
        if processed:
            staged.add(photo_store.photo_name(processed.sha256), processed.image)
            staged.add(photo_store.photo_name(processed.thumbnail_sha256), processed.thumbnail)
        with transaction.atomic():
            sighting.save()
            if processed:
                _photo_create(sighting, processed)
    except IntegrityError:
        staged.discard()
        # Another request with this client_id won the race; the first report stands.
        existing = _sighting_by_client_id(client_id, submitter, submitter_token_hash)
        if existing is None:
            raise
        return SightingSubmitResult(sighting=existing, created=False)
    except BaseException:
        staged.discard()
        raise
    try:
        staged.commit()
    except OSError:
        # A report whose photo could not be kept is not kept either: the phone will retry.
        # Files this commit had already moved into place go too, unless another photo
        # (the same picture sent before) uses them.
        staged.discard()
        sighting.delete()
        if processed:
            photo_files_remove_unused(
                [
                    photo_store.photo_name(processed.sha256),
                    photo_store.photo_name(processed.thumbnail_sha256),
                ],
                published=False,
            )
        raise
    return SightingSubmitResult(sighting=sighting, created=True)


def _sighting_by_client_id(client_id, submitter, token_hash) -> Sighting | None:
    sighting = Sighting.objects.filter(client_id=client_id).first()
    if sighting is None:
        return None
    same_user = submitter is not None and sighting.submitter_id == submitter.pk
    same_token = bool(
        token_hash
        and sighting.submitter_token
        and hmac.compare_digest(sighting.submitter_token, token_hash)
    )
    if not (same_user or same_token):
        raise SightingConflict("This client_id was already used for another report.")
    return sighting


def _valid_sighting(*, latitude, longitude, note, description, **fields) -> Sighting:
    errors: dict[str, list[str]] = {}
    if not all(isinstance(v, int | float) and math.isfinite(v) for v in (latitude, longitude)) or (
        not (-90 <= latitude <= 90 and -180 <= longitude <= 180)
    ):
        errors["location"] = [_("The position must be a latitude and longitude in degrees.")]
    if len(note) > MAX_NOTE_LENGTH:
        errors["note"] = [_("The note is limited to %(n)d characters.") % {"n": MAX_NOTE_LENGTH}]
    unknown = set(description) - set(SIGHTING_DESCRIPTION_FIELDS)
    if unknown:
        raise TypeError(f"sighting_submit() got unexpected fields {sorted(unknown)}")
    if errors:
        raise ValidationError(errors)
    area = settings.CAMERAMAP_SERVICE_AREA
    if area is not None and not service_area.covers(area, longitude=longitude, latitude=latitude):
        raise ValidationError(
            {
                "location": [
                    _(
                        "This place is outside the area this CameraMap collects reports for; "
                        "the report was not sent to the moderators."
                    )
                ]
            }
        )
    location = Point(longitude, latitude, srid=4326)
    sighting = Sighting(location=location, note=note, **fields, **description)
    # client_id's uniqueness is the database's to enforce, atomically.
    sighting.full_clean(exclude=["client_id"])
    return sighting


def _photo_create(sighting: Sighting, processed: images.ProcessedPhoto) -> Photo:
    return Photo.objects.create(
        sighting=sighting,
        image=photo_store.photo_name(processed.sha256),
        thumbnail=photo_store.photo_name(processed.thumbnail_sha256),
        sha256=processed.sha256,
        width=processed.width,
        height=processed.height,
        size_bytes=len(processed.image),
        faces_blurred=len(processed.faces),
    )


@transaction.atomic
def photo_publish(*, photo: Photo, camera: Camera) -> Photo:
    """Make a processed photo public as the picture of a verified camera.

    Its files are copied to the public store only once the transaction has committed, so a
    rolled-back approval never leaves a public file; the private copy then goes, unless another
    unpublished photo shares it. Publishing a published photo again repairs missing files.
    """
    photo = Photo.objects.select_for_update().get(pk=photo.pk)
    photo.is_published, photo.camera = True, camera
    photo.save(update_fields=["is_published", "camera"])
    names = _photo_files(photo)
    transaction.on_commit(lambda: _photo_files_move(names, published=True))
    return photo


@transaction.atomic
def photo_unpublish(*, photo: Photo) -> Photo:
    """Take a published photo back into the private store (to redact it again, say)."""
    photo = Photo.objects.select_for_update().get(pk=photo.pk)
    photo.is_published = False
    photo.save(update_fields=["is_published"])
    names = _photo_files(photo)
    transaction.on_commit(lambda: _photo_files_move(names, published=False))
    return photo


@transaction.atomic
def photo_delete(*, photo: Photo) -> None:
    """Delete a photo and, once that is committed, its files (unless another photo shares them)."""
    names, published = _photo_files(photo), photo.is_published
    photo.delete()
    transaction.on_commit(lambda: photo_files_remove_unused(names, published=published))


def _photo_files(photo: Photo) -> list[str]:
    return list(dict.fromkeys([photo.image, photo.thumbnail]))


def _photo_files_move(names: list[str], *, published: bool) -> None:
    """Into the public store (published) or back into the private one, after a commit."""
    staged = photo_store.StagedFiles(published=published)
    try:
        for name in names:
            if not photo_store.photo_path(name, published=published).exists():
                staged.copy(name, published=not published)
        staged.commit()
    except OSError:
        staged.discard()
        log.exception("could not move photo files %s; publishing again repairs them", names)
        return
    photo_files_remove_unused(names, published=not published)


def photo_files_remove_unused(names: list[str], *, published: bool) -> None:
    used: set[str] = set()
    rows = Photo.objects.filter(is_published=published).filter(
        Q(image__in=names) | Q(thumbnail__in=names)
    )
    for image, thumbnail in rows.values_list("image", "thumbnail"):
        used.update((image, thumbnail))
    photo_store.remove([name for name in names if name not in used], published=published)


# --- Orphans and retention --------------------------------------------------------------------


@dataclass
class OrphansResult:
    # (store, name) of files no photo row refers to; removed unless it was a dry run.
    orphans: list[tuple[str, str]]
    # (store, name) of files photo rows refer to that are not there.
    missing: list[tuple[str, str]]


def photo_files_prune(*, delete: bool, min_age: timedelta) -> OrphansResult:
    """Find (and with `delete`, remove) files in the photo stores that no photo refers to.

    Files younger than `min_age` are left alone: a request may be writing them (a report's
    files exist before its row commits; a publication copies before it removes)."""
    referenced: dict[bool, set[str]] = {True: set(), False: set()}
    for image, thumbnail, published in Photo.objects.values_list(
        "image", "thumbnail", "is_published"
    ):
        referenced[published].update((image, thumbnail))
    cutoff = time.time() - min_age.total_seconds()
    orphans, missing = [], []
    for published, store in ((True, "public"), (False, "private")):
        present = set(photo_store.files_in(published=published))
        root = photo_store.store_root(published=published)
        for name in sorted(present - referenced[published]):
            path = root / name
            if path.stat().st_mtime > cutoff:
                continue
            orphans.append((store, name))
            if delete:
                path.unlink(missing_ok=True)
        missing += [(store, name) for name in sorted(referenced[published] - present)]
    return OrphansResult(orphans=orphans, missing=missing)


@dataclass
class RetentionResult:
    photos_deleted: int = 0
    submitters_erased: int = 0


def sightings_apply_retention(*, now: datetime | None = None) -> RetentionResult:
    """Delete the photos of reports rejected CAMERAMAP_RETAIN_REJECTED_PHOTOS_DAYS ago or more,
    and forget who sent reports approved or merged CAMERAMAP_RETAIN_SUBMITTER_DAYS ago or more.
    Counted from the review (or, for reports without a review time, their last change)."""
    now = now or timezone.now()
    reviewed = Coalesce("reviewed_at", "updated_at")
    result = RetentionResult()
    rejected_before = now - timedelta(days=settings.CAMERAMAP_RETAIN_REJECTED_PHOTOS_DAYS)
    photos = Photo.objects.annotate(
        reviewed=Coalesce("sighting__reviewed_at", "sighting__updated_at")
    )
    for photo in photos.filter(
        sighting__status=Sighting.Status.REJECTED, reviewed__lte=rejected_before
    ):
        photo_delete(photo=photo)
        result.photos_deleted += 1
    erased_before = now - timedelta(days=settings.CAMERAMAP_RETAIN_SUBMITTER_DAYS)
    result.submitters_erased = (
        Sighting.objects.annotate(reviewed=reviewed)
        .filter(
            status__in=[Sighting.Status.APPROVED, Sighting.Status.MERGED],
            reviewed__lte=erased_before,
        )
        .filter(Q(submitter__isnull=False) | Q(submitter_token__isnull=False))
        .update(submitter=None, submitter_token=None)
    )
    return result


@transaction.atomic
def cameras_cluster() -> str | None:
    """Rewrite the cameras table in the order of its spatial index, then ANALYZE it (PostGIS).

    Returns the index's name, or None on a database that has no CLUSTER (SpatiaLite). Cameras
    inserted in any order put neighbours on different pages, so a street's cameras cost a page
    read each; clustered, they share a few. CLUSTER holds an exclusive lock while it runs."""
    if connection.vendor != "postgresql":
        return None
    table = Camera._meta.db_table
    column = Camera._meta.get_field("location").column
    with connection.cursor() as cursor:
        # Django names the index with a hash of its own; find it as the GiST on the column.
        cursor.execute(
            "SELECT index.relname FROM pg_index AS x"
            " JOIN pg_class AS index ON index.oid = x.indexrelid"
            " JOIN pg_am AS method ON method.oid = index.relam"
            " JOIN pg_attribute AS a ON a.attrelid = x.indrelid AND a.attnum = ANY(x.indkey)"
            " WHERE x.indrelid = %s::regclass AND method.amname = 'gist' AND a.attname = %s"
            " ORDER BY index.relname LIMIT 1",
            [table, column],
        )
        (index,) = cursor.fetchone()
        qn = connection.ops.quote_name
        cursor.execute(f"CLUSTER {qn(table)} USING {qn(index)}")
        cursor.execute(f"ANALYZE {qn(table)}")
    return index
