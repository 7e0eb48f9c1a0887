"""Reads of neighbourhoods and their figures."""

from dataclasses import dataclass
from datetime import UTC, date, datetime

from django.db.models import Count, QuerySet, Sum
from django.db.models.functions import TruncMonth

from cameramap.areas.models import Area, DataVersion
from cameramap.cameras.models import Camera

BREAKDOWN_FIELDS = ("surveillance_type", "camera_type", "operator_type")
# The ranking table's columns: what a visitor may sort by, and the figure behind each.
SORTS = {
    "rank": "rank",
    "name": "name",
    "cameras": "camera_count",
    "area": "area_km2",
    "density": "density_per_km2",
    "population": "population",
    "per_1000": "per_1000_residents",
}
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class PublicDataVersion:
    version: int
    changed_at: datetime

    @property
    def etag(self) -> str:
        # The time too: a database restored from a backup may count from a number already used.
        return f'"{self.version}-{int(self.changed_at.timestamp() * 1000)}"'


def public_data_version() -> PublicDataVersion:
    """The version of the public data, bumped by database triggers on every write to it."""
    row = DataVersion.objects.filter(pk=1).values_list("version", "changed_at").first()
    return PublicDataVersion(*row) if row else PublicDataVersion(0, EPOCH)


def areas_ranked() -> QuerySet[Area]:
    return Area.objects.ranked()


def areas_with_figures(*, filters: dict | None = None, geometry: bool = True) -> list[Area]:
    """Every area densest first; with camera filters, figures recounted for those cameras only.

    The recount follows the maintained figures' definitions exactly (see areas.services), so
    an empty filter and the maintained figures agree.
    """
    areas = list(Area.objects.ranked() if geometry else Area.objects.ranked().defer("geom"))
    if not filters:
        return areas
    counts = dict(
        Camera.objects.public()
        .filter(**filters)
        .exclude(area=None)
        .order_by()
        .values_list("area")
        .annotate(total=Sum("count"))
    )
    for area in areas:
        area.camera_count = counts.get(area.pk, 0)
        count = float(area.camera_count)
        area.density_per_km2 = count / area.area_km2 if area.area_km2 > 0 else 0.0
        area.per_1000_residents = count * 1000.0 / area.population if area.population else None
    densities = sorted((area.density_per_km2 for area in areas), reverse=True)
    denser = {}
    for index, density in enumerate(densities):
        denser.setdefault(density, index)
    for area in areas:
        area.rank = 1 + denser[area.density_per_km2]
    return sorted(areas, key=lambda area: (area.rank, area.name))


def areas_sorted(*, sort: str, descending: bool) -> list[Area]:
    """The ranking table's rows; unknown figures (no population) last in either direction."""
    field = SORTS.get(sort, "rank")
    known = Area.objects.exclude(**{f"{field}__isnull": True})
    ordering = [f"-{field}" if descending else field, "name"]
    return [*known.order_by(*ordering), *Area.objects.filter(**{f"{field}__isnull": True})]


def area_breakdown(area: Area) -> dict[str, dict[str, int]]:
    """Cameras (summing `count`) in the area by type and operator type, largest first."""
    cameras = Camera.objects.public().filter(area=area).order_by()
    breakdown = {}
    for field in BREAKDOWN_FIELDS:
        rows = cameras.values(field).annotate(total=Sum("count")).order_by("-total", field)
        breakdown[field] = {row[field]: row["total"] for row in rows}
    return breakdown


def area_cameras_per_month(area: Area, *, today: date) -> list[tuple[date, int, int]]:
    """(month, cameras first reported that month, records) for every month from the first to
    this one, and at least the last twelve."""
    rows = (
        Camera.objects.public()
        .filter(area=area)
        .order_by()
        .annotate(month=TruncMonth("first_reported"))
        .values("month")
        .annotate(total=Sum("count"), records=Count("id"))
        .order_by("month")
    )
    found = {_month(row["month"]): (row["total"], row["records"]) for row in rows}
    if not found:
        return []
    last = max(_month(today), *found)
    year_before = date(last.year - 1, last.month, 1)
    months, month = [], min(*found, _next_month(year_before))
    while month <= last:
        total, records = found.get(month, (0, 0))
        months.append((month, total, records))
        month = _next_month(month)
    return months


def _next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def _month(value) -> date:
    return date(value.year, value.month, 1)
