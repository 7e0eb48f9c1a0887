from django.conf import settings
from rest_framework import generics
from rest_framework_gis.pagination import GeoJsonPagination

from api.filters import camera_filters
from api.serializers import AreaDetailSerializer, AreaSerializer, CameraSerializer
from cameramap.areas.selectors import areas_ranked
from cameramap.cameras.selectors import cameras_public


class CameraPagination(GeoJsonPagination):
    page_size = settings.CAMERAMAP_MAX_FEATURES
    max_page_size = settings.CAMERAMAP_MAX_FEATURES


class CameraList(generics.ListAPIView):
    """Verified, active cameras as GeoJSON; filter with bbox and the vocabulary fields."""

    serializer_class = CameraSerializer
    pagination_class = CameraPagination

    def get_queryset(self):
        return cameras_public(filters=camera_filters(self.request.query_params))


class CameraDetail(generics.RetrieveAPIView):
    serializer_class = CameraSerializer

    def get_queryset(self):
        return cameras_public()


class AreaList(generics.ListAPIView):
    """Every neighbourhood with its figures, densest first."""

    serializer_class = AreaSerializer
    pagination_class = None

    def get_queryset(self):
        return areas_ranked()


class AreaDetail(generics.RetrieveAPIView):
    serializer_class = AreaDetailSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return areas_ranked()
