import uuid

import factory
from django.contrib.auth import get_user_model
from django.contrib.gis.geos import MultiPolygon, Point, Polygon
from django.utils import timezone

from cameramap.areas.models import Area
from cameramap.cameras.models import Camera, Sighting
from cameramap.db import GeodesicAreaKm2


def square(lon: float, lat: float, size: float = 0.01) -> MultiPolygon:
    """A size° square with its south-west corner at (lon, lat)."""
    return MultiPolygon(Polygon.from_bbox((lon, lat, lon + size, lat + size)), srid=4326)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("correct horse battery staple")


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Area {n}")
    slug = factory.Sequence(lambda n: f"area-{n}")
    code = factory.Sequence(lambda n: f"A{n:03d}")
    geom = factory.LazyFunction(lambda: square(-73.99, 40.69))

    @factory.post_generation
    def measured(obj, create, extracted, **kwargs):
        """Give it its geodesic area, as the import does."""
        if create:
            Area.objects.filter(pk=obj.pk).update(area_km2=GeodesicAreaKm2("geom"))
            obj.refresh_from_db()


class CameraFactory(factory.django.DjangoModelFactory):
    """A camera row only; use cameramap.cameras.services to also keep figures current."""

    class Meta:
        model = Camera

    location = factory.LazyFunction(lambda: Point(-73.985, 40.695, srid=4326))
    first_reported = factory.LazyFunction(timezone.localdate)
    source = "test"
    source_id = factory.Sequence(lambda n: f"t{n}")


class SightingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sighting

    location = factory.LazyFunction(lambda: Point(-73.985, 40.695, srid=4326))
    location_source = "device"
    client_id = factory.LazyFunction(uuid.uuid4)
