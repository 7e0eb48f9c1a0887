import json

import pytest
from django.contrib.gis.geos import GEOSGeometry, Point
from django.core.management import call_command

from cameramap.areas.models import Area
from cameramap.areas.services import areas_recompute
from cameramap.cameras.models import Camera
from cameramap.cameras.services import camera_create
from tests.factories import AreaFactory, CameraFactory, square

FIGURES = ("code", "camera_count", "density_per_km2", "per_1000_residents", "rank")


def figures():
    return sorted(Area.objects.values_list(*FIGURES))


@pytest.mark.django_db
def test_a_camera_on_a_shared_border_counts_in_exactly_one_area():
    west = AreaFactory(code="B", geom=square(-74.00, 40.70))
    east = AreaFactory(code="A", geom=square(-73.99, 40.70))

    camera = camera_create(location=Point(-73.99, 40.705, srid=4326), count=3)

    assert camera.area == east  # the lowest code wins a tie, whichever was made first
    west.refresh_from_db()
    east.refresh_from_db()
    assert (west.camera_count, east.camera_count) == (0, 3)
    areas_recompute()
    assert sorted(Area.objects.values_list("code", "camera_count")) == [("A", 3), ("B", 0)]


@pytest.mark.django_db
def test_figures_kept_by_the_services_equal_a_recompute_from_scratch():
    AreaFactory(code="N", geom=square(-74.00, 40.70), population=5000)
    AreaFactory(code="S", geom=square(-74.00, 40.69), population=None)
    AreaFactory(code="E", geom=square(-73.99, 40.70), population=0)
    for lon, lat, count in [(-73.995, 40.705, 2), (-73.996, 40.695, 1), (-73.985, 40.705, 4)]:
        camera_create(location=Point(lon, lat, srid=4326), count=count)
    camera_create(location=Point(-73.997, 40.706, srid=4326), count=5)
    maintained = figures()

    Area.objects.update(camera_count=0, density_per_km2=0, per_1000_residents=None, rank=None)
    Camera.objects.update(area=None)
    areas_recompute()

    assert figures() == maintained
    north = Area.objects.get(code="N")
    assert north.camera_count == 7
    assert north.density_per_km2 == pytest.approx(7 / north.area_km2)
    assert north.per_1000_residents == pytest.approx(7 * 1000 / 5000)
    assert Area.objects.get(code="E").per_1000_residents is None  # no residents, no rate


@pytest.mark.django_db
def test_removed_cameras_do_not_count():
    area = AreaFactory(geom=square(-74.00, 40.70))
    CameraFactory(location=Point(-73.995, 40.705, srid=4326), count=2)
    CameraFactory(location=Point(-73.995, 40.706, srid=4326), count=5, status="removed")

    areas_recompute()

    area.refresh_from_db()
    assert area.camera_count == 2


@pytest.mark.django_db
def test_equal_densities_share_a_rank_and_the_densest_is_first():
    AreaFactory(code="X", geom=square(-74.00, 40.70))
    AreaFactory(code="Y", geom=square(-73.99, 40.70))
    AreaFactory(code="Z", geom=square(-73.98, 40.70))
    camera_create(location=Point(-73.975, 40.705, srid=4326), count=9)

    ranks = dict(Area.objects.values_list("code", "rank"))

    assert ranks == {"Z": 1, "X": 2, "Y": 2}


@pytest.mark.django_db
def test_brooklyn_counts_match_an_independent_point_in_polygon_count(brooklyn, api):
    call_command(
        "import_areas",
        brooklyn / "neighbourhoods-nta2010.geojson",
        name_field="ntaname",
        code_field="ntacode",
    )
    call_command(
        "import_cameras",
        brooklyn / "amnesty-decode-intersections.geojson",
        count_field="n_cameras_median",
        source="amnesty-decode",
    )

    areas = json.loads((brooklyn / "neighbourhoods-nta2010.geojson").read_text())["features"]
    shapes = sorted(
        (f["properties"]["ntacode"], GEOSGeometry(json.dumps(f["geometry"])).prepared)
        for f in areas
    )
    expected = dict.fromkeys((code for code, _ in shapes), 0)
    cameras = json.loads((brooklyn / "amnesty-decode-intersections.geojson").read_text())
    for feature in cameras["features"]:
        count = feature["properties"]["n_cameras_median"]
        if not count:
            continue
        where = Point(*feature["geometry"]["coordinates"], srid=4326)
        code = next((code for code, shape in shapes if shape.covers(where)), None)
        if code:
            expected[code] += count

    response = api.get("/api/v1/areas/")

    assert response.status_code == 200
    features = response.json()["features"]
    assert {f["properties"]["code"]: f["properties"]["camera_count"] for f in features} == expected
    assert sum(expected.values()) == 10_448
    densities = [f["properties"]["density_per_km2"] for f in features]
    assert densities == sorted(densities, reverse=True)
    assert [f["properties"]["rank"] for f in features][:3] == [1, 2, 3]


@pytest.mark.django_db
def test_census_tracts_reproduce_the_published_counts(brooklyn):
    tracts = brooklyn / "census-tracts-2020-with-published-counts.geojson"
    call_command("import_areas", tracts, code_field="GEOID")
    call_command(
        "import_cameras",
        brooklyn / "amnesty-decode-intersections.geojson",
        count_field="n_cameras_median",
    )

    published = {
        f["properties"]["GEOID"]: int(float(f["properties"]["n_cameras_median"]))
        for f in json.loads(tracts.read_text())["features"]
    }
    ours = dict(Area.objects.values_list("code", "camera_count"))
    matching = sum(ours[code] == count for code, count in published.items())

    assert len(ours) == 804
    assert matching >= 798
    assert sum(ours.values()) == 10_448
