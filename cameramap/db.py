"""Database expressions that must mean the same on PostGIS and SpatiaLite."""

from django.db.models import FloatField, Func


class GeodesicAreaKm2(Func):
    """A polygon's area on the WGS 84 ellipsoid, in km²."""

    output_field = FloatField()

    def as_postgresql(self, compiler, connection, **extra_context):
        template = "ST_Area(%(expressions)s::geography, true) / 1000000.0"
        return self.as_sql(compiler, connection, template=template, **extra_context)

    def as_sqlite(self, compiler, connection, **extra_context):
        template = "ST_Area(%(expressions)s, 1) / 1000000.0"
        return self.as_sql(compiler, connection, template=template, **extra_context)


class PointX(Func):
    """A point's longitude."""

    function = "ST_X"
    output_field = FloatField()


class PointY(Func):
    """A point's latitude."""

    function = "ST_Y"
    output_field = FloatField()


def grid_cell_sql(vendor: str, coordinate: str) -> str:
    """SQL for the index of the grid cell a coordinate falls in, given two parameters: the
    grid's origin and its cell size (degrees). A whole number computed natively by each
    database, so that clustering stays one SQL aggregation however many cameras there are."""
    if vendor == "postgresql":
        return f"FLOOR(({coordinate} - %s) / %s)::bigint"
    # Coordinates minus the origin are never negative, where truncation is the floor.
    return f"CAST(({coordinate} - %s) / %s AS INTEGER)"
