from django.contrib import admin
from leaflet.admin import LeafletGeoAdmin

from cameramap.cameras.models import Camera, ModerationEvent, Photo, Sighting


@admin.register(Camera)
class CameraAdmin(LeafletGeoAdmin):
    list_display = ["id", "surveillance_type", "camera_type", "count", "status", "area", "source"]
    list_filter = ["status", "surveillance_type", "camera_type", "operator_type", "source"]
    search_fields = ["operator", "source_id"]
    raw_id_fields = ["area"]
    readonly_fields = ["created_at", "updated_at"]


@admin.register(Sighting)
class SightingAdmin(LeafletGeoAdmin):
    list_display = ["id", "status", "surveillance_type", "camera_type", "created_at"]
    list_filter = ["status", "location_source"]
    raw_id_fields = ["camera", "submitter", "reviewed_by"]
    readonly_fields = ["client_id", "submitter_token", "created_at", "updated_at"]


@admin.register(Photo)
class PhotoAdmin(admin.ModelAdmin):
    list_display = ["id", "sighting", "camera", "width", "height", "is_published"]
    raw_id_fields = ["sighting", "camera"]


@admin.register(ModerationEvent)
class ModerationEventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "action", "actor", "sighting", "camera"]
    list_filter = ["action"]
    raw_id_fields = ["sighting", "camera"]

    # The audit log is append-only, even for admins.
    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
