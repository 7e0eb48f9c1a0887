"""The moderators' API (/api/v1/review/…): the queue and every action on sightings, cameras
and photos. Thin: parse, check, call cameramap.cameras.moderation, answer."""

from django.contrib.gis.geos import Point
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema_view
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from api import schema_review as docs
from api.permissions import IsModerator, ReviewAuthentication
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
from cameramap.cameras import moderation
from cameramap.cameras.models import Camera, ModerationEvent, Photo, Sighting
from cameramap.cameras.selectors import moderation_history, sightings_for_review

MAX_PAGE = 100


class ReviewView(APIView):
    """Moderators only: 401 for anonymous callers, 403 for everyone else."""

    authentication_classes = [ReviewAuthentication]
    permission_classes = [IsModerator]

    def parse(self, serializer_class):
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def handle_exception(self, exc):
        if isinstance(exc, moderation.ModerationConflict):
            return Response({"detail": exc.message, "happened": exc.happened}, status=409)
        if isinstance(exc, DjangoValidationError):
            exc = ValidationError(
                exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
            )
        if isinstance(exc, Camera.DoesNotExist | Sighting.DoesNotExist | Photo.DoesNotExist):
            return Response({"detail": "Not found."}, status=404)
        return super().handle_exception(exc)


def _result(*, event: ModerationEvent, sighting=None, camera=None) -> Response:
    sighting = sighting if sighting is not None else event.sighting
    camera = camera if camera is not None else event.camera
    data = {
        "sighting": sighting.pk if sighting else None,
        "status": sighting.status if sighting else (camera.status if camera else ""),
        "camera": camera.pk if camera else None,
        "confirmations": camera.confirmations if camera else None,
        "event": event.pk,
    }
    return Response(ReviewResultSerializer(data).data)


def _last_event(**filters) -> ModerationEvent:
    return ModerationEvent.objects.filter(**filters).order_by("-id").first()


@extend_schema_view(get=docs.QUEUE)
class ReviewQueue(ReviewView):
    """Sightings by status (pending by default), oldest first, each with the verified cameras
    within 50 m and its submitter's track record."""

    def get(self, request):
        params = request.query_params
        status = params.get("status", Sighting.Status.PENDING)
        if status not in Sighting.Status.values:
            raise ValidationError({"status": [f"status must be one of {Sighting.Status.values}"]})
        limit = _whole(params, "limit", 50, 1, MAX_PAGE)
        offset = _whole(params, "offset", 0, 0, 10**9)
        sightings = Sighting.objects.filter(status=status).order_by("created_at", "id")
        page = list(
            sightings.prefetch_related(Prefetch("photos", queryset=Photo.objects.order_by("id")))[
                offset : offset + limit
            ]
        )
        data = {"count": sightings.count(), "results": sightings_for_review(page)}
        return Response(ReviewQueueSerializer(data).data)


def _whole(params, name: str, default: int, low: int, high: int) -> int:
    raw = params.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = low - 1
    if not low <= value <= high:
        raise ValidationError({name: [f"{name} must be a whole number from {low} to {high}"]})
    return value


@extend_schema_view(post=docs.APPROVE)
class SightingApprove(ReviewView):
    """Make a new verified camera of a pending sighting; any field may be corrected first."""

    def post(self, request, pk: int):
        fields = self.parse(ApproveSerializer)
        latitude, longitude = fields.pop("latitude", None), fields.pop("longitude", None)
        location = Point(longitude, latitude, srid=4326) if latitude is not None else None
        camera = moderation.sighting_approve(
            sighting_id=pk, actor=request.user, location=location, **fields
        )
        response = _result(event=_last_event(sighting_id=pk, action="approve"), camera=camera)
        response.status_code = 201
        return response


@extend_schema_view(post=docs.MERGE)
class SightingMerge(ReviewView):
    """Count a pending sighting as a confirmation of an existing camera."""

    def post(self, request, pk: int):
        fields = self.parse(MergeSerializer)
        camera = moderation.sighting_merge(
            sighting_id=pk,
            camera_id=fields["camera"],
            actor=request.user,
            keep_photos=fields.get("keep_photos"),
            reason=fields["reason"],
        )
        return _result(event=_last_event(sighting_id=pk, action="merge"), camera=camera)


@extend_schema_view(post=docs.REJECT)
class SightingReject(ReviewView):
    """Turn a pending sighting down with a reason (a code from the list, or free text)."""

    def post(self, request, pk: int):
        fields = self.parse(RejectSerializer)
        moderation.sighting_reject(sighting_id=pk, actor=request.user, **fields)
        return _result(event=_last_event(sighting_id=pk, action="reject"))


@extend_schema_view(post=docs.BULK_REJECT)
class SightingsBulkReject(ReviewView):
    """Reject many pending sightings at once (spam); those not pending are skipped."""

    def post(self, request):
        fields = self.parse(BulkRejectSerializer)
        result = moderation.sightings_bulk_reject(
            sighting_ids=fields.pop("sightings"), actor=request.user, **fields
        )
        data = {"rejected": result.rejected, "skipped": result.skipped}
        return Response(BulkRejectResultSerializer(data).data)


@extend_schema_view(get=docs.SIGHTING_HISTORY)
class SightingHistory(ReviewView):
    """Every moderation event on one sighting, oldest first."""

    def get(self, request, pk: int):
        sighting = get_object_or_404(Sighting, pk=pk)
        events = moderation_history(sighting=sighting)
        return Response(EventSerializer(events, many=True).data)


@extend_schema_view(get=docs.CAMERA_HISTORY)
class CameraHistory(ReviewView):
    """Every moderation event on one camera and its sightings, oldest first."""

    def get(self, request, pk: int):
        camera = get_object_or_404(Camera, pk=pk)
        events = moderation_history(camera=camera)
        return Response(EventSerializer(events, many=True).data)


@extend_schema_view(post=docs.CAMERA_EDIT)
class CameraEdit(ReviewView):
    """Correct a verified camera (any field, the place too)."""

    def post(self, request, pk: int):
        fields = self.parse(DescriptionChangesSerializer)
        latitude, longitude = fields.pop("latitude", None), fields.pop("longitude", None)
        if latitude is not None:
            fields["location"] = Point(longitude, latitude, srid=4326)
        camera = moderation.camera_edit(camera_id=pk, actor=request.user, **fields)
        return _result(event=_last_event(camera_id=pk, action="edit"), camera=camera)


@extend_schema_view(post=docs.CAMERA_REMOVE)
class CameraRemove(ReviewView):
    """Take a camera off the map and out of the figures (kept, with its history)."""

    def post(self, request, pk: int):
        fields = self.parse(ReasonSerializer)
        camera = moderation.camera_remove(camera_id=pk, actor=request.user, **fields)
        return _result(event=_last_event(camera_id=pk, action="remove"), camera=camera)


@extend_schema_view(post=docs.CAMERA_RESTORE)
class CameraRestore(ReviewView):
    """Put a removed camera back on the map."""

    def post(self, request, pk: int):
        fields = self.parse(ReasonSerializer)
        camera = moderation.camera_restore(camera_id=pk, actor=request.user, **fields)
        return _result(event=_last_event(camera_id=pk, action="restore"), camera=camera)


@extend_schema_view(post=docs.UNDO)
class EventUndo(ReviewView):
    """Undo an approval, a merge or a rejection: the sighting goes back to the queue."""

    def post(self, request, pk: int):
        fields = self.parse(ReasonSerializer)
        get_object_or_404(ModerationEvent, pk=pk)
        event = moderation.event_undo(event_id=pk, actor=request.user, **fields)
        return _result(event=event)


@extend_schema_view(post=docs.REDACT)
class PhotoRedact(ReviewView):
    """Paint rectangles into a photo for good; its thumbnail is made again."""

    def post(self, request, pk: int):
        fields = self.parse(RedactSerializer)
        photo = moderation.photo_redact(photo_id=pk, actor=request.user, **fields)
        event = _last_event(action="redact", sighting_id=photo.sighting_id)
        return _result(event=event)
