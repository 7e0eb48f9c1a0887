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
