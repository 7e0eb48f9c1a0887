"""What moderators see and send. Moderators only: never used by a public endpoint."""

from django.conf import settings
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework_gis.fields import GeometryField

from api.schema import POINT_SCHEMA
from api.serializers import MAX_COUNT, DirectionsField, SightingPhotoSerializer
from cameramap.cameras.models import ModerationEvent, Sighting
from cameramap.cameras.moderation import MAX_REASON_LENGTH, REJECT_REASONS
from cameramap.cameras.services import SIGHTING_DESCRIPTION_FIELDS
from cameramap.lib.vocabulary import (
    MAX_HEIGHT_M,
    CameraType,
    FaceRecognition,
    Mount,
    OperatorType,
    SurveillanceType,
    Watches,
    Zone,
)

MAX_BULK = 500


class NearbyCameraSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="camera.id")
    metres = serializers.FloatField()
    location = serializers.SerializerMethodField()
    surveillance_type = serializers.CharField(source="camera.surveillance_type")
    camera_type = serializers.CharField(source="camera.camera_type")
    mount = serializers.CharField(source="camera.mount")
    operator_type = serializers.CharField(source="camera.operator_type")
    operator = serializers.CharField(source="camera.operator")
    directions = DirectionsField(source="camera.directions")
    count = serializers.IntegerField(source="camera.count")
    confirmations = serializers.IntegerField(source="camera.confirmations")
    last_confirmed = serializers.DateField(source="camera.last_confirmed", allow_null=True)
    photo = serializers.SerializerMethodField()

    @extend_schema_field(POINT_SCHEMA)
    def get_location(self, item) -> dict:
        location = item["camera"].location
        return {"type": "Point", "coordinates": [location.x, location.y]}

    def get_photo(self, item) -> str | None:
        photos = item["camera"].published_photos
        return f"{settings.MEDIA_URL}{photos[0].thumbnail}" if photos else None


class TrackRecordSerializer(serializers.Serializer):
    approved = serializers.IntegerField(help_text="Approved or merged reports")
    rejected = serializers.IntegerField()


class ReviewSightingSerializer(serializers.ModelSerializer):
    """A sighting in the queue: what the volunteer claimed, never who they are."""

    location = GeometryField()
    photos = SightingPhotoSerializer(many=True, read_only=True)
    submitted_on = serializers.SerializerMethodField()
    nearby = NearbyCameraSerializer(many=True, read_only=True)
    track_record = TrackRecordSerializer(read_only=True)

    class Meta:
        model = Sighting
        fields = [
            "id",
            "status",
            "location",
            "location_source",
            *SIGHTING_DESCRIPTION_FIELDS,
            "note",
            "photos",
            "camera",
            "review_reason",
            "submitted_on",
            "track_record",
            "nearby",
        ]
        read_only_fields = fields

    def get_submitted_on(self, sighting) -> str:
        return timezone.localdate(sighting.created_at).isoformat()


class ReviewQueueSerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text="How many sightings have this status in all")
    results = ReviewSightingSerializer(many=True)


def _optional_choice(choices, **kwargs):
    return serializers.ChoiceField(choices=choices.choices, required=False, **kwargs)


class DescriptionChangesSerializer(serializers.Serializer):
    """Corrections: only the fields sent are changed."""

    surveillance_type = _optional_choice(SurveillanceType)
    camera_type = _optional_choice(CameraType)
    mount = _optional_choice(Mount)
    zone = _optional_choice(Zone)
    watches = _optional_choice(Watches, allow_null=True)
    operator_type = _optional_choice(OperatorType)
    operator = serializers.CharField(max_length=200, required=False, allow_blank=True)
    face_recognition = _optional_choice(FaceRecognition)
    directions = DirectionsField(required=False)
    height_m = serializers.FloatField(
        min_value=0, max_value=MAX_HEIGHT_M, required=False, allow_null=True
    )
    count = serializers.IntegerField(min_value=1, max_value=MAX_COUNT, required=False)
    latitude = serializers.FloatField(min_value=-90, max_value=90, required=False)
    longitude = serializers.FloatField(min_value=-180, max_value=180, required=False)
    reason = serializers.CharField(
        max_length=MAX_REASON_LENGTH, required=False, allow_blank=True, default=""
    )

    def validate(self, attrs):
        if ("latitude" in attrs) != ("longitude" in attrs):
            raise serializers.ValidationError(
                {"latitude": ["Give latitude and longitude together."]}
            )
        return attrs


class ApproveSerializer(DescriptionChangesSerializer):
    keep_photos = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        required=False,
        max_length=20,
        help_text="Ids of the sighting's photos to publish; all of them when left out.",
    )


class MergeSerializer(serializers.Serializer):
    camera = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    keep_photos = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        required=False,
        max_length=20,
        help_text="Ids of the sighting's photos to add to the camera; none when left out.",
    )
    reason = serializers.CharField(
        max_length=MAX_REASON_LENGTH, required=False, allow_blank=True, default=""
    )


class RejectSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=MAX_REASON_LENGTH,
        help_text="One of " + ", ".join(REJECT_REASONS) + ", or free text.",
    )
    note = serializers.CharField(
        max_length=MAX_REASON_LENGTH, required=False, allow_blank=True, default=""
    )


class BulkRejectSerializer(RejectSerializer):
    sightings = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**31 - 1),
        min_length=1,
        max_length=MAX_BULK,
    )


class BulkRejectResultSerializer(serializers.Serializer):
    rejected = serializers.ListField(child=serializers.IntegerField())
    skipped = serializers.ListField(
        child=serializers.IntegerField(), help_text="Not pending (any more) or not found"
    )


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=MAX_REASON_LENGTH, required=False, allow_blank=True, default=""
    )


@extend_schema_field(
    {
        "type": "array",
        "minItems": 1,
        "maxItems": 50,
        "items": {
            "type": "array",
            "items": {"type": "integer", "minimum": 0},
            "minItems": 4,
            "maxItems": 4,
        },
        "description": "Rectangles [left, top, right, bottom] in the photo's pixels.",
    }
)
class BoxesField(serializers.Field):
    def to_internal_value(self, data):
        from cameramap.lib.images import Box

        if not isinstance(data, list) or not 1 <= len(data) <= 50:
            raise serializers.ValidationError("Give 1 to 50 rectangles.")
        boxes = []
        for item in data:
            if not (
                isinstance(item, list)
                and len(item) == 4
                and all(isinstance(v, int) and not isinstance(v, bool) for v in item)
            ):
                raise serializers.ValidationError("Each rectangle is [left, top, right, bottom].")
            boxes.append(Box(*item))
        return boxes

    def to_representation(self, value):
        return [[b.left, b.top, b.right, b.bottom] for b in value]


class RedactSerializer(serializers.Serializer):
    boxes = BoxesField()
    reason = serializers.CharField(
        max_length=MAX_REASON_LENGTH, required=False, allow_blank=True, default=""
    )


class ReviewResultSerializer(serializers.Serializer):
    """What an action did: the sighting's new status and the camera it concerns."""

    sighting = serializers.IntegerField(allow_null=True)
    status = serializers.CharField()
    camera = serializers.IntegerField(allow_null=True)
    confirmations = serializers.IntegerField(allow_null=True)
    event = serializers.IntegerField()


class EventSerializer(serializers.ModelSerializer):
    actor = serializers.SerializerMethodField()

    class Meta:
        model = ModerationEvent
        fields = [
            "id",
            "action",
            "actor",
            "sighting",
            "camera",
            "reason",
            "before",
            "after",
            "created_at",
        ]
        read_only_fields = fields

    def get_actor(self, event) -> str | None:
        return event.actor.get_username() if event.actor else None
