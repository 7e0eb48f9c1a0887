from django.contrib import admin
from leaflet.admin import LeafletGeoAdmin

from cameramap.areas.models import Area


@admin.register(Area)
class AreaAdmin(LeafletGeoAdmin):
    list_display = ["name", "code", "camera_count", "area_km2", "density_per_km2", "rank"]
    search_fields = ["name", "code"]
    readonly_fields = ["camera_count", "area_km2", "density_per_km2", "per_1000_residents", "rank"]
    prepopulated_fields = {"slug": ["name"]}
