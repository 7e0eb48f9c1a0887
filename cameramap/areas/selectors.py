"""Reads of neighbourhoods and their figures."""

from django.db.models import QuerySet, Sum

from cameramap.areas.models import Area
from cameramap.cameras.models import Camera

BREAKDOWN_FIELDS = ("surveillance_type", "camera_type", "operator_type")


def areas_ranked() -> QuerySet[Area]:
    return Area.objects.ranked()


def area_breakdown(area: Area) -> dict[str, dict[str, int]]:
    """Cameras (summing `count`) in the area by type and operator type, largest first."""
    cameras = Camera.objects.public().filter(area=area).order_by()
    breakdown = {}
    for field in BREAKDOWN_FIELDS:
        rows = cameras.values(field).annotate(total=Sum("count")).order_by("-total", field)
        breakdown[field] = {row[field]: row["total"] for row in rows}
    return breakdown
