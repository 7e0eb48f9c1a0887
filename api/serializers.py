"""Public representations. Nothing here may carry a submitter, an IP, a time or device data."""

from django.conf import settings
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework_gis.serializers import GeoFeatureModelSerializer

from api.schema import BREAKDOWN_SCHEMA, DirectionsField
from cameramap.areas.models import Area
from cameramap.cameras.models import Camera

CAMERA_PROPERTIES = [
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
]
AREA_PROPERTIES = [
    "slug",
    "name",
    "code",
    "camera_count",
    "area_km2",
    "density_per_km2",
    "population",
    "per_1000_residents",
    "rank",
]


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
        fields = CAMERA_PROPERTIES

    def get_photo(self, camera) -> str | None:
        photos = getattr(camera, "published_photos", None)
        if photos is None:
            photos = camera.photos.filter(is_published=True).order_by("-created_at", "-id")[:1]
        first = next(iter(photos), None)
        return f"{settings.MEDIA_URL}{first.image}" if first else None


class AreaSerializer(FeatureIdMixin, GeoFeatureModelSerializer):
    feature_id_field = "slug"

    class Meta:
        model = Area
        geo_field = "geom"
        id_field = False
        fields = AREA_PROPERTIES


class AreaDetailSerializer(AreaSerializer):
    breakdown = serializers.SerializerMethodField()

    class Meta(AreaSerializer.Meta):
        fields = [*AREA_PROPERTIES, "breakdown"]

    @extend_schema_field(BREAKDOWN_SCHEMA)
    def get_breakdown(self, area) -> dict:
        from cameramap.areas.selectors import area_breakdown

        return area_breakdown(area)
