"""Public representations. Nothing here may carry a submitter, an IP, a time or device data."""

from django.conf import settings
from rest_framework import serializers
from rest_framework_gis.serializers import GeoFeatureModelSerializer

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
    area = serializers.SlugRelatedField(slug_field="slug", read_only=True)

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

    def get_breakdown(self, area) -> dict:
        from cameramap.areas.selectors import area_breakdown

        return area_breakdown(area)


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
