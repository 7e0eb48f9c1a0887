import json

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import (
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.files.uploadhandler import MemoryFileUploadHandler
from django.core.paginator import InvalidPage
from django.db import connection
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics
from rest_framework.exceptions import APIException, NotFound, ParseError, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework_gis.pagination import GeoJsonPagination

from api.filters import (
    camera_filters,
    parse_bbox,
    parse_flag,
    parse_zoom,
    vocabulary_filters,
)
from api.permissions import CanSubmitSightings
from api.schema import (
    AREA_EXAMPLE,
    AREA_PARAMETER,
    AREA_SLUG_PARAMETER,
    BBOX_PARAMETER,
    CAMERA_EXAMPLE,
    CAMERA_ID_PARAMETER,
    CLUSTER_COLLECTION_SCHEMA,
    GEOMETRY_PARAMETER,
    NOT_FOUND,
    error_response,
    paginated_feature_collection,
    validation_error_response,
    vocabulary_parameters,
)
from api.schema_sightings import SIGHTING_DETAIL, SIGHTING_SUBMIT
from api.serializers import (
    AreaDetailSerializer,
    AreaFiguresSerializer,
    AreaSerializer,
    CameraSerializer,
    SightingSerializer,
    SightingSubmitSerializer,
    cluster_feature,
)
from api.throttles import SightingThrottle
from cameramap.areas.selectors import areas_ranked, areas_with_figures
from cameramap.caching import public_data_view
from cameramap.cameras import submitters
from cameramap.cameras.selectors import (
    camera_clusters,
    cameras_features_json,
    cameras_public,
    sightings_visible_to,
)
from cameramap.cameras.services import SightingConflict, sighting_submit
from cameramap.lib import images
from cameramap.lib.grid import MAX_ZOOM

AREAS_CACHE_KEY = "api-areas"


class PublicDataMixin:
    """Validators from the public data version: a copy is current until a write (see caching).

    No authentication: the answer is the same for everyone, and reading the session would
    make it vary by cookie for every cache on the way."""

    authentication_classes = ()
    # Keep answers in the server's cache (caching.public_data_view): for costly ones.
    keep_answers = False

    @classmethod
    def as_view(cls, **initkwargs):
        return public_data_view(super().as_view(**initkwargs), keep=cls.keep_answers)


class CameraPagination(GeoJsonPagination):
    page_size = settings.CAMERAMAP_MAX_FEATURES
    max_page_size = settings.CAMERAMAP_MAX_FEATURES

    def get_paginated_response_schema(self, schema):
        return paginated_feature_collection(super().get_paginated_response_schema(schema), schema)

    def page_queryset(self, queryset, request):
        """paginate_queryset, but the page stays a (sliced) queryset instead of being fetched."""
        self.request = request
        paginator = self.django_paginator_class(queryset, self.get_page_size(request))
        page_number = self.get_page_number(request, paginator)
        try:
            self.page = paginator.page(page_number)
        except InvalidPage as exc:
            message = self.invalid_page_message.format(page_number=page_number, message=exc)
            raise NotFound(message) from None
        return self.page.object_list

    def feature_collection_json(self, features: str) -> str:
        """The page as get_paginated_response writes it, around features given as JSON text."""
        head = json.dumps(
            {
                "type": "FeatureCollection",
                "count": self.page.paginator.count,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
            },
            separators=(",", ":"),
        )
        return f'{head[:-1]},"features":{features}}}'


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
class CameraList(PublicDataMixin, generics.ListAPIView):
    """Verified, active cameras as GeoJSON; filter with bbox and the vocabulary fields."""

    serializer_class = CameraSerializer
    pagination_class = CameraPagination

    def get_queryset(self):
        return cameras_public(filters=camera_filters(self.request.query_params))

    def list(self, request, *args, **kwargs):
        if connection.vendor != "postgresql":
            return super().list(request, *args, **kwargs)
        # On PostGIS the Features are written by the database, in the query that finds the
        # cameras: the serializer would spend ~1 s in Python on a full page of 5,000.
        page = self.paginator.page_queryset(self.get_queryset(), request)
        features = cameras_features_json(page, media_url=settings.MEDIA_URL)
        return HttpResponse(
            self.paginator.feature_collection_json(features), content_type="application/json"
        )


@extend_schema_view(
    get=extend_schema(
        summary="One verified camera",
        parameters=[CAMERA_ID_PARAMETER],
        responses={200: CameraSerializer, 404: NOT_FOUND},
        examples=[CAMERA_EXAMPLE],
    )
)
class CameraDetail(PublicDataMixin, generics.RetrieveAPIView):
    """One verified, active camera as a GeoJSON Feature."""

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
        BBOX_PARAMETER,
        *vocabulary_parameters(),
    ],
    responses={
        200: CLUSTER_COLLECTION_SCHEMA,
        400: validation_error_response(
            "zoom", f"zoom must be a whole number from 0 to {MAX_ZOOM}"
        ),
    },
)
class CameraClusters(PublicDataMixin, APIView):
    """Cameras in the bbox grouped on a grid sized for the zoom: never more than
    CAMERAMAP_MAX_FEATURES features. A cell holding one camera is that camera (what drawing
    it needs: id, types, directions, height); others are clusters with their totals."""

    # At a million cameras a city-wide view aggregates them all (~1 s); every visitor opening
    # the map asks for the same one.
    keep_answers = True

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


@extend_schema_view(
    get=extend_schema(
        summary="Neighbourhoods and their figures",
        description=(
            "Without filters, the maintained figures. With any vocabulary filter, every figure "
            "(count, densities, rank) recounted for the matching cameras only."
        ),
        parameters=[*vocabulary_parameters(), GEOMETRY_PARAMETER],
        responses={
            200: AreaSerializer,
            400: validation_error_response("camera_type", "'x' is not one of: fixed, dome"),
        },
    )
)
class AreaList(PublicDataMixin, generics.ListAPIView):
    """Every neighbourhood with its figures, densest first. Camera filters (the vocabulary
    fields) recount the figures for the matching cameras only; `geometry=false` leaves the
    shapes out (for a map that already has them)."""

    serializer_class = AreaSerializer
    pagination_class = None
    keep_answers = True

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


@extend_schema_view(
    get=extend_schema(
        summary="One neighbourhood, with a breakdown of its cameras",
        parameters=[AREA_SLUG_PARAMETER],
        responses={200: AreaDetailSerializer, 404: NOT_FOUND},
        examples=[AREA_EXAMPLE],
    )
)
class AreaDetail(PublicDataMixin, generics.RetrieveAPIView):
    """One neighbourhood with its figures and its cameras by type and operator type."""

    serializer_class = AreaDetailSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return areas_ranked()


# --- Sightings (volunteers' reports) ----------------------------------------------------------

HONEYPOT = "website"
MAX_MB = images.MAX_BYTES // (1024 * 1024)


class InMemoryUpload(MemoryFileUploadHandler):
    """Keeps the photo in memory: an original, GPS tags and all, never touches the disk.
    The view has bounded the body's size before anything is read."""

    def handle_raw_input(self, *args, **kwargs):
        self.activated = True


@extend_schema_view(post=SIGHTING_SUBMIT)
class SightingCreate(generics.GenericAPIView):
    """Send a report. Repeating a client_id returns the first report again (200), never a
    second one; anonymous senders get a cookie that lets them follow their reports."""

    serializer_class = SightingSubmitSerializer
    permission_classes = [CanSubmitSightings]
    throttle_classes = [SightingThrottle]
    max_body = images.MAX_BYTES + 1024 * 1024

    def initialize_request(self, request, *args, **kwargs):
        request.upload_handlers = [InMemoryUpload(request)]
        return super().initialize_request(request, *args, **kwargs)

    def initial(self, request, *args, **kwargs):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > self.max_body:
            raise PayloadTooLarge(_(images.TOO_MANY_BYTES) % {"megabytes": MAX_MB})
        super().initial(request, *args, **kwargs)

    def handle_exception(self, exc):
        # Django's own limits would otherwise answer with an HTML 400.
        if isinstance(exc, RequestDataTooBig):
            exc = PayloadTooLarge(_(images.TOO_MANY_BYTES) % {"megabytes": MAX_MB})
        elif isinstance(exc, TooManyFieldsSent | TooManyFilesSent):
            exc = ParseError(str(exc))
        return super().handle_exception(exc)

    def post(self, request):
        if request.data.get(HONEYPOT):
            return Response(
                {"detail": _("This report looks automated and was not accepted.")}, status=400
            )
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        fields = dict(serializer.validated_data)
        upload = fields.pop("photo", None)
        if upload is not None and upload.size > images.MAX_BYTES:
            return _photo_refused(images.PhotoTooLarge(images.TOO_MANY_BYTES, megabytes=MAX_MB))
        if request.user.is_authenticated:
            token_hash = submitters.request_token_hash(request._request)
        else:
            token_hash = submitters.token_hash(submitters.ensure_token(request._request))
        try:
            result = sighting_submit(
                submitter=request.user,
                submitter_token_hash=token_hash,
                photo=upload.read() if upload is not None else None,
                **fields,
            )
        except images.PhotoError as error:
            return _photo_refused(error)
        except DjangoValidationError as error:
            raise ValidationError(error.message_dict) from None
        except SightingConflict:
            return Response(
                {"detail": _("This client_id was already used for another report.")}, status=409
            )
        sighting = sightings_visible_to(user=request.user, token_hash=token_hash).get(
            pk=result.sighting.pk
        )
        response = Response(
            SightingSerializer(sighting).data, status=201 if result.created else 200
        )
        submitters.remember(request._request, response)
        return response


@extend_schema_view(get=SIGHTING_DETAIL)
class SightingDetail(generics.RetrieveAPIView):
    """A report, for its submitter and moderators; anyone else gets a 404."""

    serializer_class = SightingSerializer

    def get_queryset(self):
        return sightings_visible_to(
            user=self.request.user,
            token_hash=submitters.request_token_hash(self.request._request),
        )


class PayloadTooLarge(APIException):
    status_code = 413
    default_detail = _lazy("The request is too large.")


def _photo_refused(error: images.PhotoError) -> Response:
    message = _(error.template) % error.params if error.params else _(error.template)
    return Response({"detail": message, "errors": {"photo": [message]}}, status=error.status)
