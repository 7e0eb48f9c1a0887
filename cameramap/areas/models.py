from django.contrib.gis.db import models
from django.db.models import Q


class AreaQuerySet(models.QuerySet):
    def ranked(self):
        """Densest first; areas without a figure last, then by name."""
        return self.order_by(models.F("rank").asc(nulls_last=True), "name")


class Area(models.Model):
    """A neighbourhood, with the figures CameraMap maintains for it."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    code = models.CharField(max_length=100, unique=True)
    geom = models.MultiPolygonField(srid=4326)
    population = models.PositiveIntegerField(null=True, blank=True)
    area_km2 = models.FloatField(default=0, help_text="Geodesic area on the WGS 84 ellipsoid")
    # Maintained by the services; recompute_areas rebuilds them from scratch.
    camera_count = models.PositiveIntegerField(default=0)
    density_per_km2 = models.FloatField(default=0)
    per_1000_residents = models.FloatField(null=True, blank=True)
    rank = models.PositiveIntegerField(null=True, blank=True, help_text="1 = densest")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AreaQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(area_km2__gte=0), name="area_km2_not_negative"),
            models.CheckConstraint(
                condition=Q(density_per_km2__gte=0), name="area_density_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(per_1000_residents__isnull=True) | Q(per_1000_residents__gte=0),
                name="area_per_1000_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(rank__isnull=True) | Q(rank__gte=1), name="area_rank_from_one"
            ),
        ]

    def __str__(self):
        return self.name


class DataVersion(models.Model):
    """A counter of writes to the public data (cameras, published photos, areas) and its time.

    Database triggers (migration 0002) bump it on every such write, whatever code path makes
    it, so every app process sharing the database sees a change at once: it is what HTTP
    validators (ETag, Last-Modified) and version-keyed caches are derived from.
    """

    version = models.BigIntegerField(default=0)
    changed_at = models.DateTimeField()

    def __str__(self):
        return f"public data version {self.version}"
