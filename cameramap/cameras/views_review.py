"""The moderators' pages: the review queue and the history of sightings and cameras.

Anonymous visitors are sent to sign in; signed-in users who are not moderators get a 403.
The actions themselves go through the review API (static/js/review.js)."""

from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_GET

from cameramap.cameras.models import Camera, Photo, Sighting
from cameramap.cameras.moderation import REJECT_REASONS
from cameramap.cameras.photo_store import photo_url
from cameramap.cameras.roles import is_moderator
from cameramap.cameras.selectors import (
    moderation_history,
    sightings_for_review,
    sightings_pending,
)
from cameramap.cameras.views import PICKERS


def moderators_only(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_moderator(request.user):
            raise PermissionDenied
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = "private, no-store"
        return response

    return wrapper


@require_GET
@ensure_csrf_cookie
@moderators_only
def review_queue(request):
    """The queue, oldest first, and one sighting in full (?sighting=ID, else the oldest)."""
    queue = list(
        sightings_pending().values_list("pk", "created_at", "surveillance_type", "camera_type")
    )
    ids = [row[0] for row in queue]
    try:
        wanted = int(request.GET.get("sighting", ""))
    except ValueError:
        wanted = None
    current_id = wanted if wanted in ids else (ids[0] if ids else None)
    current = None
    if current_id is not None:
        photos = Prefetch("photos", queryset=Photo.objects.order_by("id"))
        current = sightings_for_review(
            list(Sighting.objects.filter(pk=current_id).prefetch_related(photos))
        )[0]
    position = ids.index(current_id) if current_id is not None else -1
    context = {
        "queue": queue,
        "current": current,
        "position": position + 1,
        "previous": ids[position - 1] if position > 0 else None,
        "next": ids[position + 1] if 0 <= position < len(ids) - 1 else None,
        "fields": _fields(current),
        "reasons": [(code, str(label)) for code, label in REJECT_REASONS.items()],
        "config": _config(current, ids, position),
        "media_url": settings.MEDIA_URL,
    }
    return render(request, "cameras/review.html", context)


@require_GET
@ensure_csrf_cookie
@moderators_only
def sighting_history(request, pk: int):
    sighting = get_object_or_404(Sighting, pk=pk)
    events = moderation_history(sighting=sighting)
    return render(
        request,
        "cameras/review_history.html",
        {
            "subject": _("Sighting %(id)s") % {"id": pk},
            "sighting": sighting,
            "events": events,
            "config": {"undoUrl": "/api/v1/review/events/"},
        },
    )


@require_GET
@ensure_csrf_cookie
@moderators_only
def camera_history(request, pk: int):
    camera = get_object_or_404(Camera.objects.select_related("area"), pk=pk)
    events = moderation_history(camera=camera)
    return render(
        request,
        "cameras/review_history.html",
        {
            "subject": _("Camera %(id)s") % {"id": pk},
            "camera": camera,
            "events": events,
            "fields": _fields(camera),
            "config": {
                "api": f"/api/v1/review/cameras/{pk}/",
                "undoUrl": "/api/v1/review/events/",
            },
        },
    )


def _fields(obj) -> list[dict]:
    """The vocabulary pickers with the object's current values selected."""
    if obj is None:
        return []
    fields = []
    for name, choices, _initial in PICKERS:
        options = [(value, label) for value, label in choices.choices]
        if name == "watches":
            options.insert(0, ("", _("Not known")))
        fields.append(
            {
                "name": name,
                "label": name.replace("_", " "),
                "options": options,
                "value": getattr(obj, name) or "",
            }
        )
    return fields


def _config(current, ids, position) -> dict:
    center = settings.LEAFLET_CONFIG["DEFAULT_CENTER"]
    config = {
        "tileUrl": settings.CAMERAMAP_TILE_URL,
        "tileAttribution": settings.CAMERAMAP_TILE_ATTRIBUTION,
        "center": [center[0], center[1]],
        "reviewUrl": reverse("review"),
        "api": "/api/v1/review/sightings/",
        "redactUrl": "/api/v1/review/photos/",
        "sighting": None,
        "queue": ids,
        "text": {
            "done": _("Done."),
            "conflict": _("Someone else acted first: %(what)s"),
            "failed": _("That did not work: %(why)s"),
            "chooseCamera": _("Choose the camera to merge into."),
            "noRectangles": _("Draw rectangles on the photo first."),
        },
    }
    if current is None:
        return config
    config["sighting"] = {
        "id": current.pk,
        "location": [current.location.y, current.location.x],
        "nearby": [
            {
                "id": item["camera"].pk,
                "location": [item["camera"].location.y, item["camera"].location.x],
                "label": f"#{item['camera'].pk} {item['camera'].surveillance_type}"
                f" · {item['camera'].camera_type} · {round(item['metres'])} m",
            }
            for item in current.nearby
        ],
        "photos": [
            {"id": p.pk, "url": photo_url(p, "image"), "width": p.width, "height": p.height}
            for p in current.photos.all()
        ],
    }
    return config
