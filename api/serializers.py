"""Public representations. Nothing here may carry a submitter, an IP, a time or device data."""

import math

from django.conf import settings
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework_gis.fields import GeometryField
from rest_framework_gis.serializers import GeoFeatureModelSerializer

from api.schema import BREAKDOWN_SCHEMA, DirectionsField
from cameramap.areas.models import Area
from cameramap.cameras.exports import AREA_FIELDS, CAMERA_FIELDS
from cameramap.cameras.models import Camera, Photo, Sighting
from cameramap.cameras.photo_store import photo_url
from cameramap.cameras.services import MAX_NOTE_LENGTH, SIGHTING_DESCRIPTION_FIELDS
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


class FeatureIdMixin:
    """Keep the id among the properties (the contract) and also as the Feature's own id."""

    feature_id_field = "id"

    def to_representation(self, instance):
        feature = super().to_representation(instance)
        return {"type": "Feature", "id": feature["properties"][self.feature_id_field], **feature}


class CameraSerializer(FeatureIdMixin, GeoFeatureModelSerializer):
    photo = serializers.SerializerMethodField()
    area = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    directions = DirectionsField(read_only=True)

    class Meta:
        model = Camera
        geo_field = "location"
        id_field = False
        fields = CAMERA_FIELDS

    def get_photo(self, camera) -> str | None:
        photos = getattr(camera, "published_photos", None)
        if photos is None:
            photos = camera.photos.filter(is_published=True).order_by("-created_at", "-id")[:1]
        first = next(iter(photos), None)
        return f"{settings.MEDIA_URL}{first.image}" if first else None


class AreaSerializer(FeatureIdMixin, GeoFeatureModelSerializer):
    feature_id_field = "slug"
    geometry_optional = True  # AreaFiguresSerializer leaves it out

    class Meta:
        model = Area
        geo_field = "geom"
        id_field = False
        fields = AREA_FIELDS


class AreaDetailSerializer(AreaSerializer):
    breakdown = serializers.SerializerMethodField()

    class Meta(AreaSerializer.Meta):
        fields = [*AREA_FIELDS, "breakdown"]

    @extend_schema_field(BREAKDOWN_SCHEMA)
    def get_breakdown(self, area) -> dict:
        from cameramap.areas.selectors import area_breakdown

        return area_breakdown(area)


# --- Sightings (volunteers' reports) ----------------------------------------------------------
# Only ever shown to their submitter and to moderators; still no submitter, time or device data.

MAX_COUNT = 1000


@extend_schema_field(
    {
        "type": "array",
        "items": {
            "oneOf": [
                {"type": "integer", "minimum": 0, "maximum": 359},
                {"type": "string", "pattern": r"^\d{1,3}-\d{1,3}$"},
            ]
        },
        "maxItems": 16,
        "description": "Bearings 0-359 and clockwise ranges like 90-270 (or one '90;270' string).",
    }
)
class DirectionsField(serializers.Field):
    """Bearings and ranges: repeated form fields, a ;-separated string or a JSON list."""

    default_error_messages = {"invalid": "{message}"}

    def get_value(self, dictionary):
        if hasattr(dictionary, "getlist"):
            if self.field_name not in dictionary:
                return serializers.empty
            return dictionary.getlist(self.field_name)
        return dictionary.get(self.field_name, serializers.empty)

    def to_internal_value(self, data):
        values = data if isinstance(data, list) else [data]
        parts: list = []
        for value in values:
            parts.extend(value.split(";") if isinstance(value, str) else [value])
        try:
            return parse_directions([part for part in parts if part != ""])
        except ValueError as error:
            self.fail("invalid", message=str(error))

    def to_representation(self, value):
        return value


def _choice(choices, **kwargs) -> serializers.ChoiceField:
    return serializers.ChoiceField(choices=choices.choices, required=False, **kwargs)


class SightingSubmitSerializer(serializers.Serializer):
    """What a volunteer sends. Checks the shape of each field; the service decides the rest."""

    client_id = serializers.UUIDField()
    latitude = serializers.FloatField(min_value=-90, max_value=90)
    longitude = serializers.FloatField(min_value=-180, max_value=180)
    location_source = serializers.ChoiceField(choices=Sighting.LocationSource.choices)
    photo = serializers.FileField(required=False, allow_empty_file=False, use_url=False)
    surveillance_type = _choice(SurveillanceType, default=SurveillanceType.CAMERA)
    camera_type = _choice(CameraType, default=CameraType.UNKNOWN)
    mount = _choice(Mount, default=Mount.UNKNOWN)
    zone = _choice(Zone, default=Zone.UNKNOWN)
    # "" (the form's "don't know") means not known.
    watches = _choice(Watches, allow_null=True, allow_blank=True, default=None)
    operator_type = _choice(OperatorType, default=OperatorType.UNKNOWN)
    operator = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    face_recognition = _choice(FaceRecognition, default=FaceRecognition.UNKNOWN)
    directions = DirectionsField(required=False, default=list)
    height_m = serializers.FloatField(
        min_value=0, max_value=MAX_HEIGHT_M, required=False, allow_null=True, default=None
    )
    count = serializers.IntegerField(min_value=1, max_value=MAX_COUNT, required=False, default=1)
    note = serializers.CharField(
        max_length=MAX_NOTE_LENGTH, required=False, allow_blank=True, default=""
    )

    def validate_latitude(self, value):
        return _finite(value)

    def validate_longitude(self, value):
        return _finite(value)

    def validate_watches(self, value):
        return value or None


def _finite(value: float) -> float:
    if not math.isfinite(value):
        raise serializers.ValidationError("A valid number is required.")
    return value


class SightingPhotoSerializer(serializers.ModelSerializer):
    image = serializers.SerializerMethodField()
    thumbnail = serializers.SerializerMethodField()

    class Meta:
        model = Photo
        fields = ["id", "image", "thumbnail", "width", "height", "faces_blurred", "is_published"]

    def get_image(self, photo) -> str:
        return photo_url(photo, "image")

    def get_thumbnail(self, photo) -> str:
        return photo_url(photo, "thumbnail")


class SightingSerializer(serializers.ModelSerializer):
    """A report as its submitter sent it, with its review status."""

    location = GeometryField()
    photos = SightingPhotoSerializer(many=True, read_only=True)
    submitted_on = serializers.SerializerMethodField()

    class Meta:
        model = Sighting
        fields = [
            "id",
            "status",
            "client_id",
            "location",
            "location_source",
            *SIGHTING_DESCRIPTION_FIELDS,
            "note",
            "photos",
            "camera",
            "submitted_on",
        ]
        read_only_fields = fields

    def get_submitted_on(self, sighting) -> str:
        # A day, not a time, even for the submitter: less to leak from a screenshot.
        return timezone.localdate(sighting.created_at).isoformat()


class AreaFiguresSerializer(AreaSerializer):
    """The figures without the shapes, for a map that has them already."""

    class Meta(AreaSerializer.Meta):
        geo_field = None


def cluster_feature(cell: dict) -> dict:
    """A grid cell of camera_clusters() as a GeoJSON Feature."""
    geometry = {"type": "Point", "coordinates": [cell["lon"], cell["lat"]]}
    if cell["rows"] > 1:
        properties = {"cluster": True, "cameras": cell["rows"], "count": cell["count"]}
        return {"type": "Feature", "geometry": geometry, "properties": properties}
    properties = {
        "cluster": False,
        "id": cell["id"],
        "count": cell["count"],
        "surveillance_type": cell["surveillance_type"],
        "camera_type": cell["camera_type"],
        "directions": cell["directions"],
        "height_m": cell["height_m"],
    }
    return {"type": "Feature", "id": cell["id"], "geometry": geometry, "properties": properties}
