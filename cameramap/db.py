"""Database expressions that must mean the same on PostGIS and SpatiaLite."""

from django.db.models import FloatField, Func, IntegerField, Value


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


class GridCell(Func):
    """The index of the grid cell of `size` degrees a coordinate falls in, counted from `origin`.

    A whole number computed natively by each database (no per-row Python function), so that
    clustering stays one SQL aggregation however many cameras there are.
    """

    output_field = IntegerField()

    def __init__(self, expression, *, origin: float, size: float):
        super().__init__((expression - Value(float(origin))) / Value(float(size)))

    def as_postgresql(self, compiler, connection, **extra_context):
        template = "FLOOR(%(expressions)s)::bigint"
        return self.as_sql(compiler, connection, template=template, **extra_context)

    def as_sqlite(self, compiler, connection, **extra_context):
        # Coordinates minus the origin are never negative, where truncation is the floor.
        template = "CAST(%(expressions)s AS INTEGER)"
        return self.as_sql(compiler, connection, template=template, **extra_context)
