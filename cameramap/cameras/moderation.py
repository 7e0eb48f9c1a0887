"""Moderators' writes: reviewing sightings and looking after verified cameras.

Every service here locks the rows it decides on (select_for_update; SQLite serialises writers
anyway), so that two moderators acting at once cannot both win: the second finds the state the
first left and gets a ModerationConflict saying what happened. Each writes one ModerationEvent
and keeps the camera, its neighbourhood's figures and (through the database triggers) the public
data version right, in the same transaction.
"""

from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.gis.geos import Point
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cameramap.areas.services import areas_locate_cameras, areas_refresh_figures
from cameramap.cameras import photo_store
from cameramap.cameras.models import Camera, ModerationEvent, Photo, Sighting
from cameramap.cameras.services import (
    SIGHTING_DESCRIPTION_FIELDS,
    photo_files_remove_unused,
    photo_publish,
    photo_unpublish,
)
from cameramap.lib import images
from cameramap.lib.vocabulary import parse_directions

Action = ModerationEvent.Action

# The short list offered for rejections; free text goes with any of them, or instead.
REJECT_REASONS = {
    "not_a_camera": _("Not a surveillance device"),
    "duplicate": _("Already on the map"),
    "unclear": _("The photo or the place is too unclear to verify"),
    "wrong_place": _("Not where the pin is"),
    "private_interior": _("Inside private premises"),
    "spam": _("Spam or abuse"),
}
MAX_REASON_LENGTH = 1000


class ModerationConflict(Exception):
    """Someone else acted first (or the object is not in a state this action applies to)."""

    def __init__(self, message: str, *, happened: dict):
        super().__init__(message)
        self.message = message
        self.happened = happened


@dataclass
class BulkRejectResult:
    rejected: list[int] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)


# --- snapshots for the audit log ----------------------------------------------------------------


def _description(obj) -> dict:
    return {name: getattr(obj, name) for name in SIGHTING_DESCRIPTION_FIELDS}


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def camera_state(camera: Camera) -> dict:
    return {
        "id": camera.pk,
        "location": [camera.location.x, camera.location.y],
        **_description(camera),
        "status": camera.status,
        "confirmations": camera.confirmations,
        "first_reported": _day(camera.first_reported),
        "last_confirmed": _day(camera.last_confirmed),
        "area": camera.area_id,
    }


def sighting_state(sighting: Sighting) -> dict:
    return {
        "id": sighting.pk,
        "status": sighting.status,
        "camera": sighting.camera_id,
        "location": [sighting.location.x, sighting.location.y],
        **_description(sighting),
        "review_reason": sighting.review_reason,
    }


def _happened(sighting: Sighting) -> dict:
    """What a moderator who lost a race is told: the state and the last event on it."""
    last = sighting.events.order_by("-created_at", "-id").select_related("actor").first()
    happened = {"sighting": sighting.pk, "status": sighting.status, "camera": sighting.camera_id}
    if last is not None:
        happened.update(
            action=last.action,
            by=last.actor.get_username() if last.actor else None,
            reason=last.reason,
        )
    return happened


def _event(*, actor, action, sighting=None, camera=None, reason="", before=None, after=None):
    return ModerationEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        sighting=sighting,
        camera=camera,
        reason=reason,
        before=before or {},
        after=after or {},
    )


# --- sightings ----------------------------------------------------------------------------------


def _pending_sighting(sighting_id: int) -> Sighting:
    """The sighting, locked; a ModerationConflict unless it is still pending."""
    sighting = Sighting.objects.select_for_update().get(pk=sighting_id)
    if sighting.status != Sighting.Status.PENDING:
        raise ModerationConflict(
            str(_("This sighting was already reviewed.")), happened=_happened(sighting)
        )
    return sighting


def _active_camera(camera_id: int) -> Camera:
    try:
        camera = Camera.objects.select_for_update().get(pk=camera_id)
    except Camera.DoesNotExist:
        raise ValidationError({"camera": [str(_("No such camera."))]}) from None
    if camera.status != Camera.Status.ACTIVE:
        raise ModerationConflict(
            str(_("This camera was removed from the map.")),
            happened={"camera": camera.pk, "status": camera.status},
        )
    return camera


def _publish_kept(sighting: Sighting, camera: Camera, keep_photos: list[int] | None) -> list[int]:
    """Publish the sighting's photos the moderator kept (all of them when None)."""
    photos = list(sighting.photos.order_by("id"))
    kept = [p for p in photos if keep_photos is None or p.pk in set(keep_photos)]
    for photo in kept:
        photo_publish(photo=photo, camera=camera)
    return [p.pk for p in kept]


def _mark_reviewed(sighting: Sighting, *, status: str, actor, camera=None, reason="") -> None:
    sighting.status = status
    sighting.camera = camera
    sighting.reviewed_by = actor if actor is not None and actor.is_authenticated else None
    sighting.reviewed_at = timezone.now()
    sighting.review_reason = reason
    sighting.save(
        update_fields=[
            "status",
            "camera",
            "reviewed_by",
            "reviewed_at",
            "review_reason",
            "updated_at",
        ]
    )


def _refresh(*area_ids: int | None) -> None:
    ids = sorted({pk for pk in area_ids if pk is not None})
    if ids:
        areas_refresh_figures(area_ids=ids)


@transaction.atomic
def sighting_approve(
    *,
    sighting_id: int,
    actor: AbstractBaseUser,
    location: Point | None = None,
    keep_photos: list[int] | None = None,
    reason: str = "",
    **corrections,
) -> Camera:
    """Make a new verified camera of a pending sighting, with the moderator's corrections."""
    unknown = set(corrections) - set(SIGHTING_DESCRIPTION_FIELDS)
    if unknown:
        raise TypeError(f"sighting_approve() got unexpected fields {sorted(unknown)}")
    sighting = _pending_sighting(sighting_id)
    before = sighting_state(sighting)
    today = timezone.localdate()
    fields = {**_description(sighting), **corrections}
    camera = Camera(
        location=location or sighting.location,
        source="cameramap",
        confirmations=1,
        first_reported=min(timezone.localdate(sighting.created_at), today),
        last_confirmed=today,
        **fields,
    )
    camera.full_clean(exclude=["source_id"])
    camera.save()
    areas_locate_cameras(camera_ids=[camera.pk])
    camera.refresh_from_db(fields=["area"])
    _refresh(camera.area_id)
    _mark_reviewed(sighting, status=Sighting.Status.APPROVED, actor=actor, camera=camera)
    published = _publish_kept(sighting, camera, keep_photos)
    _event(
        actor=actor,
        action=Action.APPROVE,
        sighting=sighting,
        camera=camera,
        reason=reason,
        before={"sighting": before},
        after={
            "sighting": sighting_state(sighting),
            "camera": camera_state(camera),
            "published_photos": published,
        },
    )
    return camera


@transaction.atomic
def sighting_merge(
    *,
    sighting_id: int,
    camera_id: int,
    actor: AbstractBaseUser,
    keep_photos: list[int] | None = None,
    reason: str = "",
) -> Camera:
    """Count a pending sighting as one more confirmation of an existing camera."""
    sighting = _pending_sighting(sighting_id)
    camera = _active_camera(camera_id)
    before = camera_state(camera)
    today = timezone.localdate()
    directions = list(camera.directions or [])
    for direction in sighting.directions or []:
        if direction not in directions:
            directions.append(direction)
    Camera.objects.filter(pk=camera.pk).update(
        confirmations=F("confirmations") + 1,
        last_confirmed=max(camera.last_confirmed or today, today),
        directions=parse_directions(directions),
    )
    camera.refresh_from_db()
    _mark_reviewed(sighting, status=Sighting.Status.MERGED, actor=actor, camera=camera)
    published = _publish_kept(sighting, camera, [] if keep_photos is None else keep_photos)
    _event(
        actor=actor,
        action=Action.MERGE,
        sighting=sighting,
        camera=camera,
        reason=reason,
        before={"camera": before, "sighting": {"status": Sighting.Status.PENDING}},
        after={"camera": camera_state(camera), "published_photos": published},
    )
    return camera


def rejection_text(reason: str, note: str = "") -> str:
    """A reason code from REJECT_REASONS (its label) and/or free text, as one sentence."""
    label = str(REJECT_REASONS[reason]) if reason in REJECT_REASONS else reason.strip()
    note = note.strip()
    text = f"{label}: {note}" if label and note else (label or note)
    if not text:
        raise ValidationError({"reason": [str(_("Say why this sighting is rejected."))]})
    if len(text) > MAX_REASON_LENGTH:
        raise ValidationError(
            {"reason": [str(_("The reason is limited to %d characters.") % MAX_REASON_LENGTH)]}
        )
    return text


def _reject(sighting: Sighting, *, actor, text: str, **after) -> None:
    """Mark a pending sighting rejected and log it; `after` adds to the event's after-state."""
    _mark_reviewed(sighting, status=Sighting.Status.REJECTED, actor=actor, reason=text)
    _event(
        actor=actor,
        action=Action.REJECT,
        sighting=sighting,
        reason=text,
        before={"sighting": {"status": Sighting.Status.PENDING}},
        after={"sighting": {"status": sighting.status}, **after},
    )


@transaction.atomic
def sighting_reject(
    *, sighting_id: int, actor: AbstractBaseUser, reason: str, note: str = ""
) -> Sighting:
    """Turn a pending sighting down, saying why; its photos stay private."""
    text = rejection_text(reason, note)
    sighting = _pending_sighting(sighting_id)
    _reject(sighting, actor=actor, text=text)
    return sighting


@transaction.atomic
def sightings_bulk_reject(
    *, sighting_ids: list[int], actor: AbstractBaseUser, reason: str, note: str = ""
) -> BulkRejectResult:
    """Reject many pending sightings (spam) at once; those no longer pending are skipped."""
    text = rejection_text(reason, note)
    result = BulkRejectResult()
    rows = Sighting.objects.select_for_update().filter(pk__in=sighting_ids).order_by("pk")
    found = {sighting.pk: sighting for sighting in rows}
    for pk in sorted(set(sighting_ids)):
        sighting = found.get(pk)
        if sighting is None or sighting.status != Sighting.Status.PENDING:
            result.skipped.append(pk)
            continue
        _reject(sighting, actor=actor, text=text, bulk=True)
        result.rejected.append(pk)
    return result


# --- cameras ------------------------------------------------------------------------------------

CAMERA_EDITABLE = (*SIGHTING_DESCRIPTION_FIELDS, "location")


@transaction.atomic
def camera_edit(*, camera_id: int, actor: AbstractBaseUser, reason: str = "", **changes) -> Camera:
    """Correct a verified camera; its area and the figures follow."""
    unknown = set(changes) - set(CAMERA_EDITABLE)
    if unknown:
        raise TypeError(f"camera_edit() got unexpected fields {sorted(unknown)}")
    camera = Camera.objects.select_for_update().get(pk=camera_id)
    before = camera_state(camera)
    for name, value in changes.items():
        setattr(camera, name, value)
    camera.full_clean(exclude=["source_id"])
    camera.save()
    if "location" in changes:
        areas_locate_cameras(camera_ids=[camera.pk])
        camera.refresh_from_db(fields=["area"])
    _refresh(before["area"], camera.area_id)
    _event(
        actor=actor,
        action=Action.EDIT,
        camera=camera,
        reason=reason,
        before={"camera": before},
        after={"camera": camera_state(camera)},
    )
    return camera


def _camera_status(camera_id: int, *, actor, reason: str, status: str, action: str) -> Camera:
    camera = Camera.objects.select_for_update().get(pk=camera_id)
    if camera.status == status:
        raise ModerationConflict(
            str(_("The camera is already %(status)s.") % {"status": camera.get_status_display()}),
            happened={"camera": camera.pk, "status": camera.status},
        )
    before = camera_state(camera)
    camera.status = status
    camera.save(update_fields=["status", "updated_at"])
    _refresh(camera.area_id)
    _event(
        actor=actor,
        action=action,
        camera=camera,
        reason=reason,
        before={"camera": before},
        after={"camera": camera_state(camera)},
    )
    return camera


@transaction.atomic
def camera_remove(*, camera_id: int, actor: AbstractBaseUser, reason: str = "") -> Camera:
    """Take a camera off the map and out of the figures; it is kept, with its history."""
    return _camera_status(
        camera_id, actor=actor, reason=reason, status=Camera.Status.REMOVED, action=Action.REMOVE
    )


@transaction.atomic
def camera_restore(*, camera_id: int, actor: AbstractBaseUser, reason: str = "") -> Camera:
    """Put a removed camera back on the map and into the figures."""
    return _camera_status(
        camera_id, actor=actor, reason=reason, status=Camera.Status.ACTIVE, action=Action.RESTORE
    )


# --- undo ---------------------------------------------------------------------------------------


@transaction.atomic
def event_undo(*, event_id: int, actor: AbstractBaseUser, reason: str = "") -> ModerationEvent:
    """Undo an approval, a merge or a rejection: the sighting goes back to the queue and every
    figure back to what it was. Refused (conflict) once later actions depend on it."""
    event = ModerationEvent.objects.select_for_update().get(pk=event_id)
    if event.action not in (Action.APPROVE, Action.MERGE, Action.REJECT) or not event.sighting_id:
        raise ModerationConflict(
            str(_("Only approvals, merges and rejections can be undone.")),
            happened={"event": event.pk, "action": event.action},
        )
    sighting = Sighting.objects.select_for_update().get(pk=event.sighting_id)
    expected = {
        Action.APPROVE: Sighting.Status.APPROVED,
        Action.MERGE: Sighting.Status.MERGED,
        Action.REJECT: Sighting.Status.REJECTED,
    }[event.action]
    if sighting.status != expected or (
        event.action != Action.REJECT and sighting.camera_id != event.camera_id
    ):
        raise ModerationConflict(
            str(_("This action was already undone or overtaken.")), happened=_happened(sighting)
        )
    camera_id = sighting.camera_id
    before = {"sighting": sighting_state(sighting)}
    photos = list(sighting.photos.filter(is_published=True))
    for photo in photos:
        photo_unpublish(photo=photo)
    _mark_reviewed(sighting, status=Sighting.Status.PENDING, actor=None)
    sighting.reviewed_by = sighting.reviewed_at = None
    sighting.save(update_fields=["reviewed_by", "reviewed_at"])
    after: dict = {"sighting": sighting_state(sighting)}
    if event.action == Action.APPROVE:
        after["camera"] = _undo_approval(camera_id, event)
    elif event.action == Action.MERGE:
        after["camera"] = _undo_merge(camera_id, event)
    return _event(
        actor=actor,
        action=Action.UNDO,
        sighting=sighting,
        camera=Camera.objects.filter(pk=camera_id).first() if camera_id else None,
        reason=reason or f"undo {event.action} #{event.pk}",
        before={**before, "undone_event": event.pk},
        after=after,
    )


def _undo_approval(camera_id: int, event: ModerationEvent) -> dict:
    camera = Camera.objects.select_for_update().get(pk=camera_id)
    if camera.sightings.exists():
        raise ModerationConflict(
            str(_("Other sightings were merged into this camera since; undo those first.")),
            happened={"camera": camera.pk, "confirmations": camera.confirmations},
        )
    state = camera_state(camera)
    area_id = camera.area_id
    # The camera existed only because of this approval: it goes, its history stays (the events
    # keep its state in before/after; its photos, now private again, stay with the sighting).
    camera.delete()
    _refresh(area_id)
    return {**state, "deleted": True}


def _undo_merge(camera_id: int, event: ModerationEvent) -> dict:
    camera = Camera.objects.select_for_update().get(pk=camera_id)
    merged_before, merged_after = event.before.get("camera", {}), event.after.get("camera", {})
    camera.confirmations = max(0, camera.confirmations - 1)
    # Dates and directions go back unless something since changed them again.
    if _day(camera.last_confirmed) == merged_after.get("last_confirmed"):
        previous = merged_before.get("last_confirmed")
        camera.last_confirmed = date.fromisoformat(previous) if previous else None
    if camera.directions == merged_after.get("directions"):
        camera.directions = merged_before.get("directions", camera.directions)
    camera.save(update_fields=["confirmations", "last_confirmed", "directions", "updated_at"])
    return camera_state(camera)


# --- photos -------------------------------------------------------------------------------------


def photo_redact(
    *, photo_id: int, actor: AbstractBaseUser, boxes: list[images.Box], reason: str = ""
) -> Photo:
    """Paint rectangles into a photo for good and regenerate its thumbnail.

    Like sighting_submit, not one transaction around the pixel work: the new files are staged
    first, the rows written atomically, then the files moved into place and the old ones (the
    unredacted pixels) deleted unless another photo shares them.
    """
    if not boxes:
        raise ValidationError({"boxes": [str(_("Draw at least one rectangle."))]})
    photo = Photo.objects.get(pk=photo_id)
    published = photo.is_published
    data = photo_store.photo_path(photo.image, published=published).read_bytes()
    for box in boxes:
        if not (0 <= box.left < box.right <= photo.width and 0 <= box.top < box.bottom):
            raise ValidationError({"boxes": [str(_("A rectangle lies outside the photo."))]})
        if box.bottom > photo.height:
            raise ValidationError({"boxes": [str(_("A rectangle lies outside the photo."))]})
    rendered = images.paint_over(data, boxes)
    staged = photo_store.StagedFiles(published=published)
    new_image = photo_store.photo_name(rendered.sha256)
    new_thumbnail = photo_store.photo_name(rendered.thumbnail_sha256)
    try:
        staged.add(new_image, rendered.image)
        staged.add(new_thumbnail, rendered.thumbnail)
        with transaction.atomic():
            locked = Photo.objects.select_for_update().get(pk=photo_id)
            if (locked.image, locked.is_published) != (photo.image, published):
                raise ModerationConflict(
                    str(_("The photo changed while it was being redacted; try again.")),
                    happened={"photo": locked.pk, "is_published": locked.is_published},
                )
            old = [locked.image, locked.thumbnail]
            before = {"sha256": locked.sha256, "image": locked.image}
            locked.image, locked.thumbnail = new_image, new_thumbnail
            locked.sha256 = rendered.sha256
            locked.width, locked.height = rendered.width, rendered.height
            locked.size_bytes = len(rendered.image)
            locked.save()
            _event(
                actor=actor,
                action=Action.REDACT,
                sighting=locked.sighting,
                camera=locked.camera,
                reason=reason,
                before={"photo": before},
                after={
                    "photo": {"sha256": locked.sha256, "image": locked.image},
                    "boxes": [[b.left, b.top, b.right, b.bottom] for b in boxes],
                },
            )
    except BaseException:
        staged.discard()
        raise
    staged.commit()
    # The unredacted files go unless another photo (the same upload twice) still uses them.
    photo_files_remove_unused(
        [name for name in old if name not in (new_image, new_thumbnail)], published=published
    )
    return locked
