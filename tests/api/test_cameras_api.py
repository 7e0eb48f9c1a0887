from datetime import date

import pytest
from django.contrib.gis.geos import Point

from cameramap.cameras.services import camera_create
from tests.factories import AreaFactory, CameraFactory, SightingFactory, square

PROPERTIES = {
    "id",
    "surveillance_type",
    "camera_type",
    "mount",
    "zone",
    "watches",
    "operator_type",
    "operator",
    "face_recognition",
    "directions",
    "height_m",
    "count",
    "confirmations",
    "first_reported",
    "last_confirmed",
    "photo",
    "area",
}


@pytest.fixture
def camera(db):
    AreaFactory(slug="gowanus", geom=square(-74.00, 40.67))
    return camera_create(
        location=Point(-73.995, 40.675, srid=4326),
        camera_type="dome",
        mount="pole",
        directions=[45],
        count=2,
        first_reported=date(2026, 3, 1),
    )


def test_a_camera_is_a_geojson_feature_with_exactly_the_contract_properties(api, camera):
    response = api.get(f"/api/v1/cameras/{camera.pk}/")

    assert response.status_code == 200
    feature = response.json()
    assert feature["type"] == "Feature"
    assert feature["id"] == camera.pk
    assert feature["geometry"] == {"type": "Point", "coordinates": [-73.995, 40.675]}
    assert set(feature["properties"]) == PROPERTIES
    assert feature["properties"]["area"] == "gowanus"
    assert feature["properties"]["first_reported"] == "2026-03-01"
    assert feature["properties"]["directions"] == [45]
    assert feature["properties"]["photo"] is None


def test_the_list_is_a_feature_collection_within_the_bbox(api, camera):
    CameraFactory(location=Point(-73.5, 40.5, srid=4326))

    response = api.get("/api/v1/cameras/", {"bbox": "-74.0,40.67,-73.99,40.68"})

    assert response.status_code == 200
    body = response.json()
    assert body["type"] == "FeatureCollection"
    assert [f["id"] for f in body["features"]] == [camera.pk]


def test_it_filters_on_vocabulary_fields(api, camera):
    alpr = CameraFactory(surveillance_type="alpr")

    response = api.get("/api/v1/cameras/", {"surveillance_type": "alpr,guard"})

    assert [f["id"] for f in response.json()["features"]] == [alpr.pk]


def test_removed_cameras_and_sightings_are_not_listed(api, camera):
    removed = CameraFactory(status="removed")
    SightingFactory()

    listed = [f["id"] for f in api.get("/api/v1/cameras/").json()["features"]]

    assert listed == [camera.pk]
    assert api.get(f"/api/v1/cameras/{removed.pk}/").status_code == 404


@pytest.mark.parametrize(
    "bbox",
    [
        "1,2,3",
        "a,b,c,d",
        "nan,0,1,1",
        "0,0,inf,1",
        "10,0,5,1",
        "0,10,1,5",
        "-200,0,1,1",
        "0,-91,1,1",
    ],
)
def test_a_bad_bbox_is_a_400_with_a_json_message(api, db, bbox):
    response = api.get("/api/v1/cameras/", {"bbox": bbox})

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "bbox must be minlon,minlat,maxlon,maxlat" in response.json()["errors"]["bbox"][0]


def test_an_unknown_filter_value_is_a_400_naming_the_field(api, db):
    response = api.get("/api/v1/cameras/", {"camera_type": "bullet"})

    assert response.status_code == 400
    assert "'bullet' is not one of" in response.json()["errors"]["camera_type"][0]


def test_an_unknown_camera_is_a_json_404(api, db):
    response = api.get("/api/v1/cameras/999999/")

    assert response.status_code == 404
    assert set(response.json()) == {"detail"}


def test_an_unknown_api_path_is_a_json_404(api, db):
    response = api.get("/api/v1/nothing-here/")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_writing_to_the_camera_list_is_a_405(api, db):
    response = api.post("/api/v1/cameras/", {}, format="json")

    assert response.status_code == 405
    assert "detail" in response.json()


def test_a_filter_with_no_values_is_a_400(api, db):
    response = api.get("/api/v1/cameras/", {"surveillance_type": ","})

    assert response.status_code == 400
    assert "give at least one of" in response.json()["errors"]["surveillance_type"][0]
