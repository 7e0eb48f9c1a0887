"""Reads of cameras, for the API and the pages."""

from django.db.models import Prefetch, Q, QuerySet

from cameramap.cameras.models import Camera, Photo, Sighting
from cameramap.cameras.roles import is_moderator


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


def sightings_of_submitter(*, user=None, token_hash: str | None = None) -> QuerySet[Sighting]:
    """One volunteer's own reports (signed in, or this browser's anonymous ones), newest first."""
    return (
        Sighting.objects.for_submitter(user=user, token_hash=token_hash)
        .prefetch_related(Prefetch("photos", queryset=Photo.objects.order_by("id")))
        .order_by("-created_at", "-id")
    )


def sightings_visible_to(*, user=None, token_hash: str | None = None) -> QuerySet[Sighting]:
    """Sightings one may look at: moderators all of them, volunteers their own."""
    if is_moderator(user):
        return Sighting.objects.prefetch_related("photos")
    return sightings_of_submitter(user=user, token_hash=token_hash)


def photos_visible_to(*, user=None, token_hash: str | None = None) -> QuerySet[Photo]:
    """Photos one may look at: published ones, and unpublished ones of visible sightings."""
    sightings = sightings_visible_to(user=user, token_hash=token_hash)
    return Photo.objects.filter(
        Q(is_published=True) | Q(sighting__in=sightings.order_by().values("pk"))
    )
