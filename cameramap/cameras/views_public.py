"""Public pages about cameras: one camera, and the open data downloads."""

import json

from django.conf import settings
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cameramap.areas.views import map_config, map_strings, vocabulary_labels
from cameramap.caching import public_data_view
from cameramap.cameras import exports
from cameramap.cameras.models import Camera
from cameramap.cameras.selectors import camera_photos

# name -> (the export, its media type)
DOWNLOADS = {
    "cameras.geojson": (exports.cameras_geojson, "application/geo+json"),
    "cameras.csv": (exports.cameras_csv, "text/csv; charset=utf-8"),
    "areas.geojson": (exports.areas_geojson, "application/geo+json"),
}

COMPASS = [
    gettext_lazy("north"),
    gettext_lazy("north-east"),
    gettext_lazy("east"),
    gettext_lazy("south-east"),
    gettext_lazy("south"),
    gettext_lazy("south-west"),
    gettext_lazy("west"),
    gettext_lazy("north-west"),
]


def describe_direction(direction: int | str) -> str:
    """90 -> "90° (east)"; "90-270" -> "90° to 270°, clockwise"."""
    if isinstance(direction, int):
        point = COMPASS[round(direction / 45) % 8]
        return _("%(bearing)s° (%(point)s)") % {"bearing": direction, "point": point}
    start, end = direction.split("-")
    return _("%(start)s° to %(end)s°, clockwise") % {"start": start, "end": end}


def camera_detail(request, pk):
    camera = get_object_or_404(Camera.objects.public().select_related("area"), pk=pk)
    labels = vocabulary_labels()
    facts = [
        (_("Kind of surveillance"), labels["surveillance_type"][camera.surveillance_type]),
        (_("Camera type"), labels["camera_type"][camera.camera_type]),
        (_("Mount"), labels["mount"][camera.mount]),
        (_("Watching"), labels["zone"][camera.zone]),
        (_("Looks at"), labels["watches"].get(camera.watches or "", _("Don't know"))),
        (_("Operated by"), labels["operator_type"][camera.operator_type]),
        (_("Face recognition"), labels["face_recognition"][camera.face_recognition]),
    ]
    config = map_config()
    config["camera"] = {
        "type": "Feature",
        "id": camera.pk,
        "geometry": json.loads(camera.location.json),
        "properties": {
            "id": camera.pk,
            "cluster": False,
            "count": camera.count,
            "surveillance_type": camera.surveillance_type,
            "camera_type": camera.camera_type,
            "directions": camera.directions,
            "height_m": camera.height_m,
        },
    }
    context = {
        "camera": camera,
        "title": labels["surveillance_type"][camera.surveillance_type],
        "facts": facts,
        "directions": [describe_direction(direction) for direction in camera.directions],
        "photos": camera_photos(camera),
        "media_url": settings.MEDIA_URL,
        "map_config": config,
        "map_strings": map_strings(),
        "page_url": request.build_absolute_uri(),
    }
    return render(request, "cameras/detail.html", context)


def downloads(request):
    """The open data page: what can be downloaded, under which licence."""
    return render(request, "cameras/downloads.html", {"files": list(DOWNLOADS)})


@public_data_view(weak=True)
def download(request, name):
    """One export, streamed; a client holding the current version gets a 304."""
    if name not in DOWNLOADS:
        raise Http404
    export, content_type = DOWNLOADS[name]
    now = timezone.now()
    options = {"generated_at": now}
    if name.startswith("cameras"):
        options["media_url"] = request.build_absolute_uri(settings.MEDIA_URL)
    response = StreamingHttpResponse(export(**options), content_type=content_type)
    stem, extension = name.split(".")
    filename = f"cameramap-{stem}-{now:%Y-%m-%d}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
