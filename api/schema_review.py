"""OpenAPI descriptions of the review endpoints (moderators only): every status they answer
with and the shape of each answer, so /api/v1/schema/ and schemathesis hold them to it."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from rest_framework import serializers

from api.schema import error_response, validation_error_response
from api.serializers_review import (
    ApproveSerializer,
    BulkRejectResultSerializer,
    BulkRejectSerializer,
    DescriptionChangesSerializer,
    EventSerializer,
    MergeSerializer,
    ReasonSerializer,
    RedactSerializer,
    RejectSerializer,
    ReviewQueueSerializer,
    ReviewResultSerializer,
)

TAGS = ["review"]


class ReviewAuthenticationScheme(OpenApiAuthenticationExtension):
    """The moderators' session cookie, as for Django's own SessionAuthentication."""

    target_class = "api.permissions.ReviewAuthentication"
    name = "moderatorSession"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "cookie", "name": "sessionid"}


Conflict = inline_serializer(
    name="ReviewConflict",
    fields={
        "detail": serializers.CharField(),
        "happened": serializers.DictField(
            help_text="What another moderator did first: status, action, by, reason."
        ),
    },
)
CONFLICT = OpenApiResponse(
    Conflict,
    description="Someone acted first, or the object is not in a state this action applies to",
    examples=[
        OpenApiExample(
            "Already approved",
            value={
                "detail": "This sighting was already reviewed.",
                "happened": {"status": "approved", "action": "approve", "by": "mona"},
            },
        )
    ],
)
ACCESS = {
    401: error_response("Not signed in", example="Sign in as a moderator."),
    403: error_response("Not a moderator", example="Only moderators may do this."),
}
NOT_FOUND = error_response("No such object", example="Not found.")


def _id(description: str) -> OpenApiParameter:
    return OpenApiParameter(
        "id",
        {"type": "integer", "minimum": 1, "maximum": 2**31 - 1},
        OpenApiParameter.PATH,
        description=description,
    )


def _action(
    summary,
    *,
    parameter,
    request,
    ok,
    status=200,
    field="reason",
    message="Required.",
    operation_id=None,
):
    return extend_schema(
        summary=summary,
        operation_id=operation_id,
        tags=TAGS,
        parameters=[parameter] if parameter else [],
        request={"application/json": request},
        responses={
            status: ok,
            400: validation_error_response(field, message),
            **ACCESS,
            404: NOT_FOUND,
            409: CONFLICT,
            415: error_response("Not JSON", example='Unsupported media type "text/plain".'),
        },
    )


SIGHTING_ID = _id("The sighting's id.")
CAMERA_ID = _id("The camera's id.")

QUEUE = extend_schema(
    summary="The review queue",
    tags=TAGS,
    parameters=[
        OpenApiParameter(
            "status",
            {"type": "string", "enum": ["pending", "approved", "merged", "rejected"]},
            description="Which sightings (pending by default); oldest first.",
        ),
        OpenApiParameter("limit", {"type": "integer", "minimum": 1, "maximum": 100}),
        OpenApiParameter("offset", {"type": "integer", "minimum": 0, "maximum": 10**9}),
    ],
    responses={
        200: ReviewQueueSerializer,
        400: validation_error_response("status", "status must be one of …"),
        **ACCESS,
    },
)
APPROVE = _action(
    "Approve as a new camera",
    parameter=SIGHTING_ID,
    request=ApproveSerializer,
    ok=ReviewResultSerializer,
    status=201,
    field="camera_type",
    message='"x" is not a valid choice.',
)
MERGE = _action(
    "Merge into an existing camera",
    parameter=SIGHTING_ID,
    request=MergeSerializer,
    ok=ReviewResultSerializer,
    field="camera",
)
REJECT = _action(
    "Reject with a reason",
    parameter=SIGHTING_ID,
    request=RejectSerializer,
    ok=ReviewResultSerializer,
)
BULK_REJECT = _action(
    "Reject many sightings (spam)",
    parameter=None,
    request=BulkRejectSerializer,
    ok=BulkRejectResultSerializer,
    field="sightings",
    operation_id="review_sightings_bulk_reject",
)
CAMERA_EDIT = _action(
    "Correct a camera",
    parameter=CAMERA_ID,
    request=DescriptionChangesSerializer,
    ok=ReviewResultSerializer,
    field="count",
    message="Ensure this value is greater than or equal to 1.",
)
CAMERA_REMOVE = _action(
    "Take a camera off the map",
    parameter=CAMERA_ID,
    request=ReasonSerializer,
    ok=ReviewResultSerializer,
)
CAMERA_RESTORE = _action(
    "Put a removed camera back",
    parameter=CAMERA_ID,
    request=ReasonSerializer,
    ok=ReviewResultSerializer,
)
UNDO = _action(
    "Undo an approval, merge or rejection",
    parameter=_id("The event's id."),
    request=ReasonSerializer,
    ok=ReviewResultSerializer,
)
REDACT = _action(
    "Paint rectangles into a photo",
    parameter=_id("The photo's id."),
    request=RedactSerializer,
    ok=ReviewResultSerializer,
    field="boxes",
    message="Give 1 to 50 rectangles.",
)


def _history(summary, parameter):
    return extend_schema(
        summary=summary,
        tags=TAGS,
        parameters=[parameter],
        responses={200: EventSerializer(many=True), **ACCESS, 404: NOT_FOUND},
    )


SIGHTING_HISTORY = _history("A sighting's moderation history", SIGHTING_ID)
CAMERA_HISTORY = _history("A camera's moderation history", CAMERA_ID)
