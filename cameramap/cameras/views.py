"""The volunteer's pages: reporting a camera, following one's reports, seeing one's photos."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_GET

from cameramap.cameras import photo_store, submitters
from cameramap.cameras.selectors import photos_visible_to, sightings_of_submitter
from cameramap.cameras.services import MAX_NOTE_LENGTH
from cameramap.lib import images, service_area
from cameramap.lib.vocabulary import (
    CameraType,
    Mount,
    OperatorType,
    SurveillanceType,
    Watches,
    Zone,
)

# The pickers on /submit/, in page order: (field, choices, preselected value).
PICKERS = [
    ("surveillance_type", SurveillanceType, SurveillanceType.CAMERA),
    ("camera_type", CameraType, CameraType.UNKNOWN),
    ("mount", Mount, Mount.UNKNOWN),
    ("zone", Zone, Zone.UNKNOWN),
    ("watches", Watches, ""),
    ("operator_type", OperatorType, OperatorType.UNKNOWN),
]
COMPASS = [
    (0, "N"),
    (45, "NE"),
    (90, "E"),
    (135, "SE"),
    (180, "S"),
    (225, "SW"),
    (270, "W"),
    (315, "NW"),
]


@require_GET
@ensure_csrf_cookie
def submit(request):
    """Report a camera from a phone; the page does its work in static/js/submit.js."""
    if settings.CAMERAMAP_REQUIRE_SIGN_IN and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.is_authenticated:
        # Given before the first report, so that a retried report carries the same token.
        submitters.ensure_token(request)
    response = render(
        request,
        "cameras/submit.html",
        {
            "pickers": _pickers(),
            "compass": COMPASS,
            "config": _submit_config(),
            "max_note": MAX_NOTE_LENGTH,
        },
    )
    submitters.remember(request, response)
    return response


@require_GET
def my_reports(request):
    """The reports this volunteer (account or browser) sent, with where each one stands."""
    sightings = list(
        sightings_of_submitter(
            user=request.user, token_hash=submitters.request_token_hash(request)
        )
    )
    for sighting in sightings:
        sighting.status_text = STATUS_TEXT[sighting.status]
        photos = list(sighting.photos.all())
        sighting.thumbnail_url = photo_store.photo_url(photos[0], "thumbnail") if photos else None
    response = render(request, "cameras/my_reports.html", {"sightings": sightings})
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def photo(request, pk: int, variant: str):
    """A photo's image or thumbnail: unpublished ones only for their submitter and moderators."""
    if variant not in ("image", "thumbnail"):
        raise Http404
    visible = photos_visible_to(
        user=request.user, token_hash=submitters.request_token_hash(request)
    )
    photo = get_object_or_404(visible, pk=pk)
    if photo.is_published:
        return redirect(photo_store.photo_url(photo, variant))
    name = photo.image if variant == "image" else photo.thumbnail
    try:
        file = open(photo_store.photo_path(name, published=False), "rb")  # noqa: SIM115
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(file, content_type="image/jpeg")
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _pickers():
    pickers = []
    for field, choices, initial in PICKERS:
        options = [(value, label) for value, label in choices.choices]
        if field == "watches":
            options.append(("", _("Don't know")))
        pickers.append(
            {
                "field": field,
                "legend": PICKER_LEGENDS[field],
                "options": [
                    {"value": value, "label": label, "icon": f"{field}-{value or 'unknown'}"}
                    for value, label in options
                ],
                "initial": initial,
                "primary": field in ("surveillance_type", "camera_type"),
            }
        )
    return pickers


STATUS_TEXT = {
    "pending": gettext_lazy("Waiting for a moderator"),
    "approved": gettext_lazy("Checked and added to the map"),
    "merged": gettext_lazy("Checked: it confirmed a camera already on the map"),
    "rejected": gettext_lazy("Not added to the map"),
}
PICKER_LEGENDS = {
    "surveillance_type": gettext_lazy("What is it?"),
    "camera_type": gettext_lazy("What kind of camera?"),
    "mount": gettext_lazy("What is it fixed to?"),
    "zone": gettext_lazy("What place does it guard?"),
    "watches": gettext_lazy("What does it look at?"),
    "operator_type": gettext_lazy("Who runs it?"),
}


def _corners(area: dict) -> list[list[float]]:
    west, south, east, north = service_area.bounds(area)
    return [[south, west], [north, east]]


def _submit_config() -> dict:
    area = settings.CAMERAMAP_SERVICE_AREA
    center = settings.LEAFLET_CONFIG["DEFAULT_CENTER"]
    return {
        "apiUrl": reverse("api:sighting-list"),
        "myReportsUrl": reverse("my-reports"),
        "tileUrl": settings.CAMERAMAP_TILE_URL,
        "tileAttribution": settings.CAMERAMAP_TILE_ATTRIBUTION,
        "center": [center[0], center[1]],
        "zoom": settings.LEAFLET_CONFIG["DEFAULT_ZOOM"],
        # [[south, west], [north, east]] of the area reports are accepted in, if limited.
        "serviceArea": _corners(area) if area else None,
        "maxPhotoBytes": images.MAX_BYTES,
        "text": {
            "locating": _("Finding your position…"),
            "accuracy": _("Your position, within about %(metres)s m."),
            "noPosition": _(
                "Your position is not available. Drag the pin or tap the map where the camera is."
            ),
            "photoLocation": _("Use the photo's location (%(place)s)"),
            "photoPlace": _("Placed where the photo was taken."),
            "mapPlace": _("Placed by you on the map."),
            "needLocation": _("Please place the pin where the camera is."),
            "photoTooLarge": _("This photo is larger than 20 MB; please choose a smaller one."),
            "sending": _("Sending…"),
            "sent": _("Thank you! Your report is waiting for a moderator."),
            "follow": _("Follow it in My reports"),
            "queued": _(
                "No connection: your report is kept on this phone and will be sent by itself "
                "when the connection returns."
            ),
            "waitingOne": _("1 report waiting to be sent"),
            "waitingMany": _("%(count)s reports waiting to be sent"),
            "delivered": _("A waiting report was sent."),
            "refused": _("A report could not be accepted: %(reason)s"),
            "pointsTo": _("Points to %(bearing)s°"),
            "remove": _("Remove"),
            "tapMode": _("Now tap the map where the camera points"),
            "tapModeOff": _("Tap the map where it points"),
        },
    }
