from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework_gis.pagination import GeoJsonPagination

from api.filters import (
    FILTER_FIELDS,
    camera_filters,
    parse_bbox,
    parse_flag,
    parse_zoom,
    vocabulary_filters,
)
from api.serializers import (
    AreaDetailSerializer,
    AreaFiguresSerializer,
    AreaSerializer,
    CameraSerializer,
    cluster_feature,
)
from cameramap.areas.selectors import areas_ranked, areas_with_figures
from cameramap.caching import public_data_view
from cameramap.cameras.selectors import camera_clusters, cameras_public
from cameramap.lib.grid import MAX_ZOOM

AREAS_CACHE_KEY = "api-areas"


class PublicDataMixin:
    """Validators from the public data version: a copy is current until a write (see caching).

    No authentication: the answer is the same for everyone, and reading the session would
    make it vary by cookie for every cache on the way."""

    authentication_classes = ()

    @classmethod
    def as_view(cls, **initkwargs):
        return public_data_view(super().as_view(**initkwargs))


class CameraPagination(GeoJsonPagination):
    page_size = settings.CAMERAMAP_MAX_FEATURES
    max_page_size = settings.CAMERAMAP_MAX_FEATURES


class CameraList(PublicDataMixin, generics.ListAPIView):
    """Verified, active cameras as GeoJSON; filter with bbox and the vocabulary fields."""

    serializer_class = CameraSerializer
    pagination_class = CameraPagination

    def get_queryset(self):
        return cameras_public(filters=camera_filters(self.request.query_params))


class CameraDetail(PublicDataMixin, generics.RetrieveAPIView):
    serializer_class = CameraSerializer

    def get_queryset(self):
        return cameras_public()


@extend_schema(
    summary="Cameras clustered for a map view",
    parameters=[
        OpenApiParameter(
            "zoom",
            {"type": "integer", "minimum": 0, "maximum": MAX_ZOOM},
            required=True,
            description="The map's zoom level: the grid's cells are 80 px (24 px from zoom 16).",
        ),
        OpenApiParameter(
            "bbox",
            OpenApiTypes.STR,
            description="minlon,minlat,maxlon,maxlat in degrees (default: the whole world).",
        ),
        *(
            OpenApiParameter(field, OpenApiTypes.STR, description="comma-separated values")
            for field in FILTER_FIELDS
        ),
    ],
    responses={200: OpenApiTypes.OBJECT},
)
class CameraClusters(PublicDataMixin, APIView):
    """Cameras in the bbox grouped on a grid sized for the zoom: never more than
    CAMERAMAP_MAX_FEATURES features. A cell holding one camera is that camera (what drawing
    it needs: id, types, directions, height); others are clusters with their totals."""

    def get(self, request):
        params = request.query_params
        cells = camera_clusters(
            zoom=parse_zoom(params.get("zoom")),
            bbox=parse_bbox(params.get("bbox")),
            filters=vocabulary_filters(params),
            max_cells=settings.CAMERAMAP_MAX_FEATURES,
        )
        return Response(
            {"type": "FeatureCollection", "features": [cluster_feature(c) for c in cells]}
        )


class AreaList(PublicDataMixin, generics.ListAPIView):
    """Every neighbourhood with its figures, densest first. Camera filters (the vocabulary
    fields) recount the figures for the matching cameras only; `geometry=false` leaves the
    shapes out (for a map that already has them)."""

    serializer_class = AreaSerializer
    pagination_class = None

    def list(self, request, *args, **kwargs):
        filters = vocabulary_filters(request.query_params)
        geometry = parse_flag("geometry", request.query_params.get("geometry"), default=True)
        serializer_class = AreaSerializer if geometry else AreaFiguresSerializer
        if filters or not geometry:
            areas = areas_with_figures(filters=filters, geometry=geometry)
            return Response(serializer_class(areas, many=True).data)
        # The full collection is the heavy one (every shape) and the one every map asks for:
        # kept rendered in the cache under one key, with the data version it was made from,
        # so a write anywhere makes every process render it afresh.
        etag = request.public_data.etag
        cached = cache.get(AREAS_CACHE_KEY)
        if cached and cached[0] == etag:
            body = cached[1]
        else:
            response = Response(serializer_class(areas_with_figures(), many=True).data)
            body = self.finalize_response(request, response).render().content
            cache.set(AREAS_CACHE_KEY, (etag, body), timeout=None)
        return HttpResponse(body, content_type="application/json")


class AreaDetail(PublicDataMixin, generics.RetrieveAPIView):
    serializer_class = AreaDetailSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return areas_ranked()
