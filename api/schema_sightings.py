"""OpenAPI descriptions of the sightings endpoints: every status they answer with, and the
shape of each answer, so that /api/v1/schema/ (and schemathesis) hold them to what they do."""

from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from rest_framework import serializers

from api.serializers import SightingSerializer, SightingSubmitSerializer

ReportError = inline_serializer(
    name="ReportError",
    fields={"detail": serializers.CharField(help_text="What went wrong, in one sentence.")},
)
ReportValidationError = inline_serializer(
    name="ReportValidationError",
    fields={
        "detail": serializers.CharField(),
        "errors": serializers.DictField(
            child=serializers.ListField(child=serializers.CharField()),
            required=False,
            help_text="Messages per invalid field (`location` for the place as a whole).",
        ),
    },
)


def _error(description: str, example: str, *, field: str | None = None) -> OpenApiResponse:
    value = {"detail": example}
    if field:
        value["errors"] = {field: [example]}
    return OpenApiResponse(
        response=ReportValidationError if field else ReportError,
        description=description,
        examples=[OpenApiExample(description, value=value)],
    )


SIGHTING_SUBMIT = extend_schema(
    summary="Report a camera",
    description=(
        "Multipart (with an optional `photo`) or JSON. Each report carries a `client_id` "
        "chosen by the client: sending it again returns the first report (200), never a "
        "second one. Anonymous senders get a cookie that lets them, and only them, read "
        "their reports back. A photo is re-encoded without metadata, faces blurred, and kept "
        "private until a moderator publishes it; the photo's GPS is never used to place the "
        "report."
    ),
    request={
        "multipart/form-data": SightingSubmitSerializer,
        "application/json": SightingSubmitSerializer,
    },
    responses={
        201: OpenApiResponse(SightingSerializer, description="Recorded, pending review."),
        200: OpenApiResponse(
            SightingSerializer, description="This client_id was seen before: the first report."
        ),
        400: _error(
            "Invalid report (a field, the place, a damaged photo, or the honeypot)",
            "This place is outside the area this CameraMap collects reports for.",
            field="location",
        ),
        403: _error("Sign-in required (CAMERAMAP_REQUIRE_SIGN_IN)", "Sign in to send reports."),
        409: _error(
            "The client_id belongs to someone else's report",
            "This client_id was already used for another report.",
        ),
        413: _error("Photo over 20 MB or 50 megapixels", "The photo is larger than 20 MB."),
        415: _error(
            "Not a JPEG, PNG, WebP or HEIC photo (or not multipart/JSON)",
            "This file is not a photo CameraMap can read (JPEG, PNG, WebP or HEIC/HEIF).",
            field="photo",
        ),
        429: _error(
            "Too many reports from this client; see Retry-After",
            "Request was throttled. Expected available in 60 seconds.",
        ),
    },
)

SIGHTING_DETAIL = extend_schema(
    summary="One of your reports",
    description="For its submitter (account or anonymous cookie) and moderators only.",
    parameters=[
        OpenApiParameter(
            "id",
            {"type": "integer", "minimum": 1},
            OpenApiParameter.PATH,
            description="The report's id, as returned when it was sent.",
        )
    ],
    responses={
        200: SightingSerializer,
        404: _error("No such report, or not yours", "Not found."),
    },
)
