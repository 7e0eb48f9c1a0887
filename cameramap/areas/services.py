"""Writes for neighbourhoods: importing their shapes and keeping their figures right."""

from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.gis.gdal import DataSource, GDALException
from django.contrib.gis.geos import GEOSGeometry, MultiPolygon, Polygon
from django.db import connection, transaction
from django.db.models import Case, F, FloatField, OuterRef, Subquery, Sum, Value, When
from django.db.models.functions import Cast, Coalesce
from django.utils.text import slugify

from cameramap.areas.models import Area
from cameramap.db import GeodesicAreaKm2

NAME_GUESSES = ("name", "NAME", "Name")
CODE_GUESSES = ("code", "CODE", "Code", "id", "ID", "GEOID", "geoid")


class AreaImportError(ValueError):
    """The file cannot be imported; the message says why in one line."""


@dataclass
class AreasImportResult:
    created: int = 0
    updated: int = 0
    repaired: list[str] = field(default_factory=list)


@dataclass
class _Shape:
    name: str
    code: str
    geom: MultiPolygon
    population: int | None


def areas_import(
    *,
    path: Path,
    name_field: str | None = None,
    code_field: str | None = None,
    population_field: str | None = None,
    layer: str | None = None,
) -> AreasImportResult:
    """Load neighbourhood polygons from any file GDAL reads; re-importing updates by code."""
    result = AreasImportResult()
    shapes = _read_shapes(path, name_field, code_field, population_field, layer, result)
    with transaction.atomic():
        existing = {
            area.code: area for area in Area.objects.filter(code__in=[s.code for s in shapes])
        }
        taken_slugs = set(Area.objects.values_list("slug", flat=True))
        for shape in shapes:
            area = existing.get(shape.code)
            if area:
                area.name, area.geom, area.population = shape.name, shape.geom, shape.population
                area.save()
                result.updated += 1
                continue
            slug = slugify(shape.name)[:200] or slugify(shape.code)[:200] or "area"
            if slug in taken_slugs:
                slug = f"{slug}-{slugify(shape.code)}"[:220]
            taken_slugs.add(slug)
            Area.objects.create(
                name=shape.name,
                slug=slug,
                code=shape.code,
                geom=shape.geom,
                population=shape.population,
            )
            result.created += 1
        Area.objects.filter(code__in=[s.code for s in shapes]).update(
            area_km2=GeodesicAreaKm2("geom")
        )
        # New shapes change which area every camera lies in.
        areas_recompute()
    return result


def _read_shapes(path, name_field, code_field, population_field, layer_name, result):
    path = Path(path)
    if not path.exists():
        raise AreaImportError(f"{path}: no such file")
    try:
        source = DataSource(str(path))
    except GDALException:
        raise AreaImportError(f"{path}: not a file GDAL can read as geographic data") from None
    if layer_name:
        names = [layer.name for layer in source]
        if layer_name not in names:
            raise AreaImportError(
                f"{path.name} has no layer {layer_name!r}; layers: {', '.join(names)}"
            )
        layer = source[layer_name]
    else:
        layer = source[0]
    if len(layer) == 0:
        raise AreaImportError(f"{path.name} has no features")
    fields = list(layer.fields)
    name_field = _field(fields, name_field, "--name-field", NAME_GUESSES, suffix="name")
    code_field = _field(fields, code_field, "--code-field", CODE_GUESSES)
    population_field = _field(fields, population_field, "--population-field", ())
    if not (name_field or code_field):
        raise AreaImportError(
            f"give --name-field or --code-field; {path.name} has fields: {', '.join(fields)}"
        )

    shapes: dict[str, _Shape] = {}
    for number, feature in enumerate(layer, start=1):
        geometry = feature.geom
        kind = geometry.geom_type.name.removesuffix("25D")
        if kind not in ("Polygon", "MultiPolygon"):
            raise AreaImportError(
                f"{path.name}: feature {number} is a {kind}; areas must be polygons"
            )
        if layer.srs is not None and geometry.srid != 4326:
            geometry.transform(4326)
        name = _value(feature, name_field) if name_field else ""
        code = _value(feature, code_field) if code_field else slugify(name)
        if not code:
            raise AreaImportError(f"{path.name}: feature {number} has no code in {code_field!r}")
        if code in shapes:
            raise AreaImportError(f"{path.name}: code {code!r} appears twice (features {number})")
        geom = GEOSGeometry(geometry.wkb, srid=4326)
        if not geom.valid:
            reason = geom.valid_reason
            geom = geom.make_valid()
            result.repaired.append(f"{code} ({reason})")
        shapes[code] = _Shape(
            name=(name or code)[:200],
            code=code[:100],
            geom=_as_multipolygon(geom, code),
            population=_population(feature, population_field, code) if population_field else None,
        )
    return list(shapes.values())


def _field(fields, given, option, guesses, suffix=None):
    if given:
        if given not in fields:
            raise AreaImportError(
                f"{option} {given!r} does not exist; fields are: {', '.join(fields)}"
            )
        return given
    for guess in guesses:
        if guess in fields:
            return guess
    if suffix:
        return next((f for f in fields if f.lower().endswith(suffix)), None)
    return None


def _value(feature, field_name) -> str:
    value = feature.get(field_name)
    return "" if value is None else str(value).strip()


def _population(feature, field_name, code) -> int | None:
    raw = _value(feature, field_name)
    if not raw:
        return None
    try:
        number = float(raw)
    except ValueError:
        raise AreaImportError(f"area {code}: population {raw!r} is not a number") from None
    if number < 0 or number != int(number):
        raise AreaImportError(f"area {code}: population {raw!r} is not a whole number")
    return int(number)


def _as_multipolygon(geom, code) -> MultiPolygon:
    if isinstance(geom, Polygon):
        parts = [geom]
    elif isinstance(geom, MultiPolygon):
        parts = list(geom)
    else:  # a repaired geometry can come back as a collection of mixed parts
        parts = [p for g in geom for p in (g if isinstance(g, MultiPolygon) else [g])]
        parts = [p for p in parts if isinstance(p, Polygon)]
    if not parts:
        raise AreaImportError(f"area {code}: no polygon is left after repairing it")
    return MultiPolygon(*parts, srid=4326)


def areas_locate_cameras(
    *, camera_ids: list[int] | None = None, source: str | None = None
) -> None:
    """Set each camera's area: the one containing it; on a shared border, the lowest code."""
    scope, params = "TRUE", []
    if camera_ids is not None:
        if not camera_ids:
            return
        scope = f"c.id IN ({', '.join(['%s'] * len(camera_ids))})"
        params = list(camera_ids)
    elif source is not None:
        scope, params = "c.source = %s", [source]
    if connection.vendor == "postgresql" and camera_ids is None:
        # One join of areas to cameras instead of a lookup per camera, driven by the areas
        # (LATERAL): for each area PostGIS walks the cameras' spatial index and tests them
        # against the area prepared once (a lookup per camera tests an unprepared area each
        # time). Rows whose area does not change are not written. See bench/RESULTS.md.
        sql = (
            "WITH located AS (SELECT DISTINCT ON (inside.id) inside.id, a.id AS area_id"  # noqa: S608
            " FROM areas_area a CROSS JOIN LATERAL (SELECT c.id FROM cameras_camera c"
            f" WHERE ST_Intersects(a.geom, c.location) AND {scope} OFFSET 0) AS inside"
            " ORDER BY inside.id, a.code)"
            " UPDATE cameras_camera SET area_id = found.area_id"
            " FROM (SELECT c.id, located.area_id FROM cameras_camera c"
            f" LEFT JOIN located ON located.id = c.id WHERE {scope}) AS found"
            " WHERE cameras_camera.id = found.id"
            " AND cameras_camera.area_id IS DISTINCT FROM found.area_id"
        )
        params = params * 2
    elif connection.vendor == "postgresql":
        # A few cameras (one being created or moved): each looks up its area by the areas'
        # spatial index.
        sql = (
            "UPDATE cameras_camera AS c SET area_id = (SELECT a.id FROM areas_area a"  # noqa: S608
            f" WHERE ST_Intersects(a.geom, c.location) ORDER BY a.code LIMIT 1) WHERE {scope}"
        )
    else:
        # SpatiaLite only uses its R*Tree when asked to.
        sql = (
            "UPDATE cameras_camera AS c SET area_id = (SELECT a.id FROM areas_area a"  # noqa: S608
            " WHERE a.id IN (SELECT pkid FROM idx_areas_area_geom WHERE xmin <= ST_X(c.location)"
            " AND xmax >= ST_X(c.location) AND ymin <= ST_Y(c.location)"
            " AND ymax >= ST_Y(c.location)) AND ST_Intersects(a.geom, c.location)"
            f" ORDER BY a.code LIMIT 1) WHERE {scope}"
        )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def areas_refresh_figures(*, area_ids: list[int] | None = None) -> None:
    """Recount the given areas (all when None) from their active cameras, then re-rank all."""
    from cameramap.cameras.models import Camera

    with transaction.atomic():
        # Every figure refresh re-ranks every area: take the rows in one order so that two
        # refreshes running at once queue up instead of deadlocking.
        list(Area.objects.select_for_update().order_by("pk").values_list("pk"))
        areas = Area.objects.all() if area_ids is None else Area.objects.filter(pk__in=area_ids)
        if connection.vendor == "postgresql" and area_ids is None:
            _count_all_in_one_pass()
        else:
            counts = (
                Camera.objects.public()
                .filter(area=OuterRef("pk"))
                .order_by()
                .values("area")
                .annotate(total=Sum("count"))
                .values("total")
            )
            areas.update(camera_count=Coalesce(Subquery(counts), 0))
        as_float = Cast(F("camera_count"), FloatField())
        areas.update(
            density_per_km2=Case(
                When(area_km2__gt=0, then=as_float / F("area_km2")), default=Value(0.0)
            ),
            per_1000_residents=Case(
                When(population__gt=0, then=as_float * 1000.0 / F("population")),
                default=None,
                output_field=FloatField(),
            ),
        )
        # 1 + the number of denser areas, which is what RANK() counts.
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE areas_area SET rank = ranked.rank FROM (SELECT id,"
                " RANK() OVER (ORDER BY density_per_km2 DESC) AS rank FROM areas_area) AS ranked"
                " WHERE areas_area.id = ranked.id"
            )


def _count_all_in_one_pass() -> None:
    """Every area's total from one aggregation over the cameras (PostgreSQL): a sum per area
    through the area index fetches every camera row one by one, in random order."""
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE areas_area SET camera_count = COALESCE(totals.total, 0)"
            " FROM areas_area AS counted LEFT JOIN (SELECT area_id, SUM(count) AS total"
            " FROM cameras_camera WHERE status = 'active' GROUP BY area_id) AS totals"
            " ON totals.area_id = counted.id"
            " WHERE areas_area.id = counted.id"
        )


def areas_recompute() -> None:
    """Rebuild every area's figures from scratch: relocate every camera, then recount."""
    with transaction.atomic():
        areas_locate_cameras()
        areas_refresh_figures()
