from django.conf import settings
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics
from rest_framework_gis.pagination import GeoJsonPagination

from api.filters import camera_filters
from api.schema import (
    AREA_EXAMPLE,
    AREA_PARAMETER,
    AREA_SLUG_PARAMETER,
    BBOX_PARAMETER,
    CAMERA_EXAMPLE,
    CAMERA_ID_PARAMETER,
    NOT_FOUND,
    error_response,
    paginated_feature_collection,
    validation_error_response,
    vocabulary_parameters,
)
from api.serializers import AreaDetailSerializer, AreaSerializer, CameraSerializer
from cameramap.areas.selectors import areas_ranked
from cameramap.cameras.selectors import cameras_public


class CameraPagination(GeoJsonPagination):
    page_size = settings.CAMERAMAP_MAX_FEATURES
    max_page_size = settings.CAMERAMAP_MAX_FEATURES

    def get_paginated_response_schema(self, schema):
        return paginated_feature_collection(super().get_paginated_response_schema(schema), schema)


@extend_schema_view(
    get=extend_schema(
        summary="Verified cameras",
        parameters=[BBOX_PARAMETER, *vocabulary_parameters(), AREA_PARAMETER],
        responses={
            200: CameraSerializer,
            400: validation_error_response(
                "bbox", "bbox must be minlon,minlat,maxlon,maxlat in degrees, with min < max"
            ),
            404: error_response("No such page", example="Invalid page."),
        },
        examples=[CAMERA_EXAMPLE],
    )
)
class CameraList(generics.ListAPIView):
    """Verified, active cameras as GeoJSON; filter with bbox and the vocabulary fields."""

    serializer_class = CameraSerializer
    pagination_class = CameraPagination

    def get_queryset(self):
        return cameras_public(filters=camera_filters(self.request.query_params))


@extend_schema_view(
    get=extend_schema(
        summary="One verified camera",
        parameters=[CAMERA_ID_PARAMETER],
        responses={200: CameraSerializer, 404: NOT_FOUND},
        examples=[CAMERA_EXAMPLE],
    )
)
class CameraDetail(generics.RetrieveAPIView):
    """One verified, active camera as a GeoJSON Feature."""

    serializer_class = CameraSerializer

    def get_queryset(self):
        return cameras_public()


@extend_schema_view(
    get=extend_schema(
        summary="Neighbourhoods and their figures",
        responses={200: AreaSerializer},
    )
)
class AreaList(generics.ListAPIView):
    """Every neighbourhood with its figures, densest first."""

    serializer_class = AreaSerializer
    pagination_class = None

    def get_queryset(self):
        return areas_ranked()


@extend_schema_view(
    get=extend_schema(
        summary="One neighbourhood, with a breakdown of its cameras",
        parameters=[AREA_SLUG_PARAMETER],
        responses={200: AreaDetailSerializer, 404: NOT_FOUND},
        examples=[AREA_EXAMPLE],
    )
)
class AreaDetail(generics.RetrieveAPIView):
    """One neighbourhood with its figures and its cameras by type and operator type."""

    serializer_class = AreaDetailSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return areas_ranked()
