from django.conf import settings
from django.shortcuts import render
from django.urls import reverse


def map_page(request):
    """The public map; it draws itself from the API (static/js/map.js)."""
    config = {
        "tileUrl": settings.CAMERAMAP_TILE_URL,
        "tileAttribution": settings.CAMERAMAP_TILE_ATTRIBUTION,
        "dataLicense": settings.CAMERAMAP_DATA_LICENSE,
        "areasUrl": reverse("api:area-list"),
        "camerasUrl": reverse("api:camera-list"),
    }
    return render(request, "areas/map.html", {"map_config": config})
