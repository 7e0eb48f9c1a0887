from django.conf import settings
from django.core.exceptions import (
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.files.uploadhandler import MemoryFileUploadHandler
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics
from rest_framework.exceptions import APIException, ParseError, ValidationError
from rest_framework.response import Response
from rest_framework_gis.pagination import GeoJsonPagination

from api.filters import camera_filters
from api.permissions import CanSubmitSightings
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
from api.schema_sightings import SIGHTING_DETAIL, SIGHTING_SUBMIT
from api.serializers import (
    AreaDetailSerializer,
    AreaSerializer,
    CameraSerializer,
    SightingSerializer,
    SightingSubmitSerializer,
)
from api.throttles import SightingThrottle
from cameramap.areas.selectors import areas_ranked
from cameramap.cameras import submitters
from cameramap.cameras.selectors import cameras_public, sightings_visible_to
from cameramap.cameras.services import SightingConflict, sighting_submit
from cameramap.lib import images


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
