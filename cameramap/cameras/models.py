import uuid

from django.conf import settings
from django.contrib.gis.db import models
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Q

from cameramap.lib.vocabulary import (
    MAX_HEIGHT_M,
    CameraType,
    FaceRecognition,
    Mount,
    OperatorType,
    SurveillanceType,
    Watches,
    Zone,
    parse_directions,
)


def _in_choices(field: str, choices, *, nullable: bool = False) -> models.CheckConstraint:
    condition = Q(**{f"{field}__in": choices.values})
    if nullable:
        condition |= Q(**{f"{field}__isnull": True})
    return models.CheckConstraint(condition=condition, name="%(class)s_" + f"{field}_valid")


class Description(models.Model):
    """What a camera is, in the shared vocabulary: held by cameras and claimed by sightings."""

    surveillance_type = models.CharField(
        max_length=20, choices=SurveillanceType.choices, default=SurveillanceType.CAMERA
    )
    camera_type = models.CharField(
        max_length=20, choices=CameraType.choices, default=CameraType.UNKNOWN
    )
    mount = models.CharField(max_length=20, choices=Mount.choices, default=Mount.UNKNOWN)
    zone = models.CharField(max_length=20, choices=Zone.choices, default=Zone.UNKNOWN)
    # No "unknown" in OSM's vocabulary for this one: null means not known.
    watches = models.CharField(max_length=10, choices=Watches.choices, null=True, blank=True)
    operator_type = models.CharField(
        max_length=20, choices=OperatorType.choices, default=OperatorType.UNKNOWN
    )
    operator = models.CharField(max_length=200, blank=True)
    face_recognition = models.CharField(
        max_length=10, choices=FaceRecognition.choices, default=FaceRecognition.UNKNOWN
    )
    # Bearings 0-359 and clockwise ranges like "90-270"; see lib.vocabulary.parse_directions.
    directions = models.JSONField(default=list, blank=True)
    height_m = models.FloatField(
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_HEIGHT_M)],
    )
    count = models.PositiveIntegerField(default=1, validators=[MinValueValidator(1)])

    class Meta:
        abstract = True
        constraints = [
            _in_choices("surveillance_type", SurveillanceType),
            _in_choices("camera_type", CameraType),
            _in_choices("mount", Mount),
            _in_choices("zone", Zone),
            _in_choices("watches", Watches, nullable=True),
            _in_choices("operator_type", OperatorType),
            _in_choices("face_recognition", FaceRecognition),
            models.CheckConstraint(
                condition=Q(height_m__isnull=True)
                | Q(height_m__gte=0, height_m__lte=MAX_HEIGHT_M),
                name="%(class)s_height_in_range",
            ),
            models.CheckConstraint(condition=Q(count__gte=1), name="%(class)s_count_positive"),
        ]

    def clean(self):
        super().clean()
        try:
            self.directions = parse_directions(self.directions)
        except ValueError as error:
            raise ValidationError({"directions": str(error)}) from None


class CameraStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    REMOVED = "removed", "Removed"


class SightingStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    APPROVED = "approved", "Approved"
    MERGED = "merged", "Merged"
    REJECTED = "rejected", "Rejected"


class LocationSource(models.TextChoices):
    DEVICE = "device", "The phone's position"
    PHOTO = "photo", "The photo's GPS"
    MAP = "map", "Placed on the map"


class ModerationAction(models.TextChoices):
    APPROVE = "approve", "Approve"
    MERGE = "merge", "Merge"
    REJECT = "reject", "Reject"
    EDIT = "edit", "Edit"
    REDACT = "redact", "Redact"
    REMOVE = "remove", "Remove"
    RESTORE = "restore", "Restore"
    UNDO = "undo", "Undo"


class CameraQuerySet(models.QuerySet):
    def public(self):
        """Cameras anyone may see: verified and still there."""
        return self.filter(status=Camera.Status.ACTIVE)


class Camera(Description):
    """A verified surveillance device (or `count` of them) at one place."""

    Status = CameraStatus

    location = models.PointField(srid=4326)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    confirmations = models.PositiveIntegerField(
        default=0, help_text="Volunteer sightings that verified this camera"
    )
    first_reported = models.DateField()
    last_confirmed = models.DateField(null=True, blank=True)
    area = models.ForeignKey(
        "areas.Area", null=True, blank=True, on_delete=models.SET_NULL, related_name="cameras"
    )
    # Where the record came from: "cameramap" for reviewed sightings, or an import's name.
    source = models.CharField(max_length=50, default="cameramap")
    source_id = models.CharField(max_length=100, null=True, blank=True)
    # Tags as the source had them (OpenStreetMap), kept for reference and round trips.
    tags = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CameraQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        constraints = [
            *Description.Meta.constraints,
            _in_choices("status", CameraStatus),
            models.UniqueConstraint(
                fields=["source", "source_id"], name="camera_source_id_unique"
            ),
            models.CheckConstraint(
                condition=Q(last_confirmed__isnull=True)
                | Q(last_confirmed__gte=models.F("first_reported")),
                name="camera_confirmed_after_reported",
            ),
        ]
        indexes = [models.Index(fields=["area", "status"], name="camera_area_status")]

    def __str__(self):
        return f"Camera {self.pk} ({self.surveillance_type}, {self.camera_type})"


class SightingQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=Sighting.Status.PENDING)

    def for_submitter(self, *, user=None, token_hash: str | None = None):
        """The sightings one submitter (a signed-in user or an anonymous token) sent."""
        condition = Q(pk__in=[])
        if user is not None and user.is_authenticated:
            condition |= Q(submitter=user)
        if token_hash:
            condition |= Q(submitter_token=token_hash)
        return self.filter(condition)


class Sighting(Description):
    """One volunteer's report of a camera, waiting for or having had review."""

    Status = SightingStatus
    LocationSource = LocationSource

    location = models.PointField(srid=4326)
    location_source = models.CharField(max_length=10, choices=LocationSource.choices)
    note = models.TextField(max_length=1000, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    camera = models.ForeignKey(
        Camera, null=True, blank=True, on_delete=models.PROTECT, related_name="sightings"
    )
    # Who sent it: a user, or the keyed hash of an anonymous browser's token (never the token).
    submitter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sightings",
    )
    submitter_token = models.CharField(max_length=64, null=True, blank=True, db_index=True)
    client_id = models.UUIDField(unique=True, default=uuid.uuid4)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviewed_sightings",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SightingQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            *Description.Meta.constraints,
            _in_choices("status", SightingStatus),
            _in_choices("location_source", LocationSource),
            # Approved and merged sightings point at their camera; the others at none.
            models.CheckConstraint(
                condition=Q(status__in=["approved", "merged"], camera__isnull=False)
                | Q(status__in=["pending", "rejected"], camera__isnull=True),
                name="sighting_camera_matches_status",
            ),
        ]
        indexes = [models.Index(fields=["status", "created_at"], name="sighting_queue")]
        permissions = [("moderate", "Can review sightings and look after cameras")]

    def __str__(self):
        return f"Sighting {self.pk} ({self.status})"


class Photo(models.Model):
    """A sighting's photo after the privacy pipeline: re-encoded, upright, no metadata."""

    sighting = models.ForeignKey(Sighting, on_delete=models.CASCADE, related_name="photos")
    camera = models.ForeignKey(
        Camera, null=True, blank=True, on_delete=models.SET_NULL, related_name="photos"
    )
    # Names inside the private store, or the public one once published; named by content hash.
    image = models.CharField(max_length=200)
    thumbnail = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64, db_index=True)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    size_bytes = models.PositiveIntegerField()
    faces_blurred = models.PositiveIntegerField(default=0)
    is_published = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(width__gte=1, height__gte=1), name="photo_has_pixels"
            ),
            models.CheckConstraint(
                condition=Q(is_published=False) | Q(camera__isnull=False),
                name="photo_published_with_camera",
            ),
        ]

    def __str__(self):
        return f"Photo {self.pk} of sighting {self.sighting_id}"


class ModerationEvent(models.Model):
    """One moderator action, with its reason and what it changed. Never public."""

    Action = ModerationAction

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=10, choices=Action.choices)
    sighting = models.ForeignKey(
        Sighting, null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    camera = models.ForeignKey(
        Camera, null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    reason = models.TextField(blank=True)
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [_in_choices("action", ModerationAction)]

    def __str__(self):
        return f"{self.action} by {self.actor_id} at {self.created_at:%Y-%m-%d %H:%M}"
