import pytest
from django.contrib.gis.geos import Point

from cameramap.areas.models import Area
from cameramap.areas.services import areas_recompute
from cameramap.cameras.models import Camera
from cameramap.cameras.services import camera_create
from tests.factories import AreaFactory, square

FIGURES = ("camera_count", "density_per_km2", "per_1000_residents", "rank")


@pytest.fixture
def areas(db):
    AreaFactory(slug="west", code="W", geom=square(-74.00, 40.70), population=4000)
    AreaFactory(slug="east", code="E", geom=square(-73.99, 40.70))
    camera_create(location=Point(-73.995, 40.705, srid=4326), count=5, surveillance_type="camera")
    camera_create(location=Point(-73.985, 40.705, srid=4326), count=2, surveillance_type="alpr")
    camera_create(location=Point(-73.984, 40.705, srid=4326), count=1, surveillance_type="alpr")


def figures_of(response):
    assert response.status_code == 200, response.content
    return {
        f["properties"]["slug"]: tuple(f["properties"][name] for name in FIGURES)
        for f in response.json()["features"]
    }


def test_a_filter_recounts_the_figures_for_the_matching_cameras_only(api, areas):
    filtered = figures_of(api.get("/api/v1/areas/", {"surveillance_type": "alpr"}))

    # What the maintained figures would be if only the licence plate readers existed.
    Camera.objects.exclude(surveillance_type="alpr").delete()
    areas_recompute()
    expected = {
        slug: tuple(values) for slug, *values in Area.objects.values_list("slug", *FIGURES)
    }
    assert filtered == expected
    assert filtered["east"][0] == 3
    assert filtered["east"][3] == 1


def test_without_filters_the_figures_are_the_maintained_ones(api, areas):
    unfiltered = figures_of(api.get("/api/v1/areas/"))

    maintained = {slug: tuple(v) for slug, *v in Area.objects.values_list("slug", *FIGURES)}
    assert unfiltered == maintained
    assert unfiltered["west"] == (
        5,
        pytest.approx(5 / Area.objects.get(slug="west").area_km2),
        1.25,
        1,
    )


def test_the_filtered_list_is_densest_first(api, areas):
    response = api.get("/api/v1/areas/", {"surveillance_type": "alpr"})

    assert [f["id"] for f in response.json()["features"]] == ["east", "west"]


def test_geometry_false_leaves_the_shapes_out_but_keeps_every_figure(api, areas):
    response = api.get("/api/v1/areas/", {"geometry": "false", "surveillance_type": "camera"})

    features = response.json()["features"]
    assert [f["geometry"] for f in features] == [None, None]
    assert figures_of(response)["west"][:2] == (
        5,
        pytest.approx(5 / Area.objects.get(slug="west").area_km2),
    )


@pytest.mark.parametrize(
    ("params", "field"),
    [({"surveillance_type": "drone"}, "surveillance_type"), ({"geometry": "maybe"}, "geometry")],
)
def test_a_bad_filter_on_the_areas_is_a_400_naming_it(api, db, params, field):
    response = api.get("/api/v1/areas/", params)

    assert response.status_code == 400
    assert field in response.json()["errors"]
