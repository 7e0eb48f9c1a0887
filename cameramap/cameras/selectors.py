"""Reads of cameras, for the API and the pages."""

from django.db.models import Prefetch, QuerySet

from cameramap.cameras.models import Camera, Photo


def cameras_public(*, filters: dict | None = None) -> QuerySet[Camera]:
    """Active cameras with what their public representation needs, in id order."""
    published = Photo.objects.filter(is_published=True).order_by("-created_at", "-id")
    return (
        Camera.objects.public()
        .filter(**(filters or {}))
        .select_related("area")
        .prefetch_related(Prefetch("photos", queryset=published, to_attr="published_photos"))
        .order_by("id")
    )
