import json

from django.conf import settings
from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cameramap.areas.models import Area
from cameramap.areas.selectors import (
    SORTS,
    area_breakdown,
    area_cameras_per_month,
    areas_sorted,
)
from cameramap.lib.charts import bar_chart
from cameramap.lib.grid import STREET_ZOOM
from cameramap.lib.vocabulary import VOCABULARY

# The filters the map offers, in the order it shows them.
MAP_FILTERS = ("surveillance_type", "camera_type", "operator_type", "zone")
FILTER_LABELS = {
    "surveillance_type": lambda: _("Kind of surveillance"),
    "camera_type": lambda: _("Camera type"),
    "operator_type": lambda: _("Operated by"),
    "zone": lambda: _("Watching"),
}


def vocabulary_labels() -> dict[str, dict[str, str]]:
    """Every vocabulary value's label in the active language."""
    return {
        field: {value: str(label) for value, label in choices.choices}
        for field, choices in VOCABULARY.items()
    }


def map_config() -> dict:
    """What the map scripts need to know, for json_script."""
    return {
        "tileUrl": settings.CAMERAMAP_TILE_URL,
        "tileAttribution": settings.CAMERAMAP_TILE_ATTRIBUTION,
        "dataLicense": settings.CAMERAMAP_DATA_LICENSE,
        "areasUrl": reverse("api:area-list"),
        "clustersUrl": reverse("api:camera-clusters"),
        "camerasUrl": reverse("api:camera-list"),
        "cameraUrl": reverse("api:camera-detail", args=[0]),
        "cameraPageUrl": reverse("camera", args=[0]),
        "areaPageUrl": reverse("area", args=["slug"]),
        "iconsUrl": static("img/cameras.svg"),
        "center": settings.LEAFLET_CONFIG["DEFAULT_CENTER"],
        "zoom": settings.LEAFLET_CONFIG["DEFAULT_ZOOM"],
        "maxZoom": settings.LEAFLET_CONFIG["MAX_ZOOM"],
        "streetZoom": STREET_ZOOM,
        # Over the choropleth, cameras appear from this zoom on (a few streets across).
        "clusterZoom": 13,
        "filters": list(MAP_FILTERS),
    }


def map_strings() -> dict:
    """Every text the map scripts show, translated; {n}, {name}… are filled in by the script."""
    return {
        "labels": vocabulary_labels(),
        "camerasOne": ngettext("{n} camera", "{n} cameras", 1),
        "camerasMany": ngettext("{n} camera", "{n} cameras", 2),
        "cameraData": _("Camera data: {license}"),
        "perKm2": _("cameras per km²"),
        "per1000": _("cameras per 1,000 residents"),
        "legendKm2": _("Cameras per km²"),
        "legend1000": _("Cameras per 1,000 residents"),
        "noPopulation": _("No population known"),
        "rank": _("Rank {rank} of {total}"),
        "areaPage": _("Neighbourhood page"),
        "cameraPage": _("Camera page"),
        "mount": _("Mount"),
        "operator": _("Operator"),
        "confirmations": _("Confirmations"),
        "firstReported": _("First reported"),
        "directions": _("Looks towards"),
        "photoAlt": _("Photo of this camera"),
        "devices": _("Devices here"),
        "loading": _("Loading…"),
        "loadFailed": _("The map data could not be loaded. Try again later."),
        "notFound": _("No neighbourhood is called “{name}”."),
        "locating": _("Finding where you are…"),
        "locateFailed": _("Your position is not available."),
        "zoomIn": _("Zoom in"),
        "zoomOut": _("Zoom out"),
        "close": _("Close"),
        "zoomForCameras": _("Zoom in to see the cameras."),
        "shown": _("{areas} neighbourhoods, {cameras} cameras shown"),
        "cameraMarker": _("{type}: details"),
        "clusterMarker": _("{n} cameras here: zoom in"),
    }


def map_page(request):
    """The public map; it draws itself from the API (static/js/map.js)."""
    labels = vocabulary_labels()
    filters = [
        {"name": name, "label": FILTER_LABELS[name](), "choices": labels[name].items()}
        for name in MAP_FILTERS
    ]
    context = {"map_config": map_config(), "map_strings": map_strings(), "filters": filters}
    return render(request, "areas/map.html", context)


def area_index(request):
    """Every neighbourhood in a table that sorts: the accessible alternative to the map."""
    sort = request.GET.get("sort", "rank")
    if sort not in SORTS:
        sort = "rank"
    # Figures read best largest first; names and ranks from the top.
    default_descending = sort not in ("rank", "name")
    descending = request.GET.get("order", "desc" if default_descending else "asc") == "desc"
    columns = [
        ("rank", _("Rank")),
        ("name", _("Neighbourhood")),
        ("cameras", _("Cameras")),
        ("area", _("Area (km²)")),
        ("density", _("Cameras per km²")),
        ("population", _("Residents")),
        ("per_1000", _("Per 1,000 residents")),
    ]
    headers = []
    for key, label in columns:
        current = key == sort
        order = "asc" if current and descending else "desc"
        if not current:
            order = "asc" if key in ("rank", "name") else "desc"
        headers.append(
            {
                "key": key,
                "label": label,
                "order": order,
                "aria_sort": ("descending" if descending else "ascending") if current else None,
            }
        )
    areas = areas_sorted(sort=sort, descending=descending)
    context = {
        "areas": areas,
        "headers": headers,
        "has_population": any(area.population for area in areas),
    }
    return render(request, "areas/index.html", context)


def area_detail(request, slug):
    area = get_object_or_404(Area, slug=slug)
    labels = vocabulary_labels()
    breakdown = [
        {
            "title": title,
            "rows": [
                (labels[field].get(value, value), total)
                for value, total in area_breakdown(area)[field].items()
            ],
        }
        for field, title in (
            ("surveillance_type", _("By kind of surveillance")),
            ("camera_type", _("By camera type")),
            ("operator_type", _("By operator")),
        )
    ]
    months = area_cameras_per_month(area, today=timezone.localdate())
    chart = bar_chart(
        [(date_format(month, "YEAR_MONTH_FORMAT"), total) for month, total, _records in months]
    )
    config = map_config()
    config["area"] = {"type": "Feature", "id": area.slug, "geometry": json.loads(area.geom.json)}
    context = {
        "area": area,
        "areas_total": Area.objects.count(),
        "breakdown": breakdown,
        "chart": chart,
        "months": months,
        "map_config": config,
        "map_strings": map_strings(),
        "page_url": request.build_absolute_uri(),
    }
    return render(request, "areas/detail.html", context)
