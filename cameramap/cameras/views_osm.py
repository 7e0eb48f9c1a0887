"""The moderators' download of the OpenStreetMap export (for JOSM)."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import StreamingHttpResponse
from django.utils import timezone

from cameramap.cameras.exports_osm import OsmExportResult, cameras_osm_nodes
from cameramap.cameras.roles import is_moderator
from cameramap.lib.osm import osm_xml


def osm_export(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not is_moderator(request.user):
        raise PermissionDenied
    response = StreamingHttpResponse(
        osm_xml(cameras_osm_nodes(OsmExportResult())), content_type="application/xml"
    )
    filename = f"cameramap-{timezone.localdate():%Y-%m-%d}.osm"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
