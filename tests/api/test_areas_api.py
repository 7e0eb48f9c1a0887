import pytest
from django.contrib.gis.geos import Point

from cameramap.cameras.services import camera_create
from tests.factories import AreaFactory, square

AREA_PROPERTIES = {
    "slug",
    "name",
    "code",
    "camera_count",
    "area_km2",
    "density_per_km2",
    "population",
    "per_1000_residents",
    "rank",
}


@pytest.fixture
def areas(db):
    dense = AreaFactory(slug="dense", code="D", geom=square(-74.00, 40.70), population=2000)
    sparse = AreaFactory(slug="sparse", code="S", geom=square(-73.99, 40.70))
    camera_create(location=Point(-73.995, 40.705, srid=4326), count=3, camera_type="dome")
    camera_create(location=Point(-73.996, 40.705, srid=4326), surveillance_type="alpr")
    camera_create(location=Point(-73.985, 40.705, srid=4326), operator_type="police")
    return dense, sparse


def test_areas_are_a_feature_collection_densest_first(api, areas):
    response = api.get("/api/v1/areas/")

    assert response.status_code == 200
    body = response.json()
    assert body["type"] == "FeatureCollection"
    first, second = body["features"]
    assert set(first["properties"]) == AREA_PROPERTIES
    assert first["geometry"]["type"] == "MultiPolygon"
    assert (first["id"], first["properties"]["rank"], first["properties"]["camera_count"]) == (
        "dense",
        1,
        4,
    )
    assert first["properties"]["per_1000_residents"] == pytest.approx(2.0)
    assert (second["id"], second["properties"]["rank"]) == ("sparse", 2)
    assert second["properties"]["population"] is None
    assert second["properties"]["per_1000_residents"] is None


def test_one_area_has_a_breakdown_by_type_and_operator(api, areas):
    response = api.get("/api/v1/areas/dense/")

    assert response.status_code == 200
    properties = response.json()["properties"]
    assert properties["breakdown"] == {
        "surveillance_type": {"camera": 3, "alpr": 1},
        "camera_type": {"dome": 3, "unknown": 1},
        "operator_type": {"unknown": 4},
    }


def test_an_unknown_area_is_a_json_404(api, db):
    response = api.get("/api/v1/areas/atlantis/")

    assert response.status_code == 404
    assert "detail" in response.json()
