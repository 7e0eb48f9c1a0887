import pytest
from django.contrib.gis.geos import Point

from cameramap.cameras.models import Camera
from cameramap.cameras.selectors import camera_clusters
from tests.factories import CameraFactory

URL = "/api/v1/cameras/clusters/"
BROOKLYN = "-74.05,40.57,-73.83,40.74"


def features(api, **params):
    response = api.get(URL, params)
    assert response.status_code == 200, response.content
    return response.json()["features"]


@pytest.mark.django_db
def test_cameras_close_together_come_back_as_one_cluster_with_their_totals(api):
    for lon in (-73.9901, -73.9902, -73.9903):
        CameraFactory(location=Point(lon, 40.6901, srid=4326), count=2)

    (cluster,) = features(api, bbox=BROOKLYN, zoom=11)

    assert cluster["properties"] == {"cluster": True, "cameras": 3, "count": 6}
    lon, lat = cluster["geometry"]["coordinates"]
    assert (lon, lat) == (pytest.approx(-73.9902), pytest.approx(40.6901))


@pytest.mark.django_db
def test_a_cell_holding_one_camera_is_that_camera_with_what_drawing_it_needs(api):
    camera = CameraFactory(
        location=Point(-73.99, 40.69, srid=4326),
        camera_type="fixed",
        surveillance_type="alpr",
        directions=[90, "180-270"],
        height_m=4.5,
        count=2,
        operator="Not needed on the map",
    )

    (feature,) = features(api, bbox="-73.995,40.687,-73.983,40.693", zoom=17)

    assert feature["id"] == camera.pk
    assert feature["geometry"]["coordinates"] == [-73.99, 40.69]
    assert feature["properties"] == {
        "cluster": False,
        "id": camera.pk,
        "count": 2,
        "surveillance_type": "alpr",
        "camera_type": "fixed",
        "directions": [90, "180-270"],
        "height_m": 4.5,
    }


@pytest.mark.django_db
def test_cameras_apart_at_street_zoom_come_back_one_by_one(api):
    for index in range(4):
        CameraFactory(location=Point(-73.99 + index * 0.001, 40.69, srid=4326))

    street = features(api, bbox="-73.995,40.687,-73.983,40.693", zoom=17)
    city = features(api, bbox=BROOKLYN, zoom=12)

    assert [f["properties"]["cluster"] for f in street] == [False] * 4
    assert len(city) == 1


@pytest.mark.django_db
def test_clusters_count_only_public_cameras_matching_the_filters_inside_the_bbox(api):
    CameraFactory(location=Point(-73.99, 40.69, srid=4326), surveillance_type="alpr", count=3)
    CameraFactory(location=Point(-73.99, 40.69, srid=4326), surveillance_type="camera")
    CameraFactory(
        location=Point(-73.99, 40.69, srid=4326), surveillance_type="alpr", status="removed"
    )
    CameraFactory(location=Point(-72.00, 40.69, srid=4326), surveillance_type="alpr")

    found = features(api, bbox=BROOKLYN, zoom=10, surveillance_type="alpr")

    assert [f["properties"]["count"] for f in found] == [3]


@pytest.mark.django_db
def test_no_zoom_and_bbox_a_client_claims_gives_more_features_than_the_cap(api, settings):
    settings.CAMERAMAP_MAX_FEATURES = 50
    Camera.objects.bulk_create(
        CameraFactory.build(location=Point(-74 + x * 0.002, 40.6 + y * 0.002, srid=4326))
        for x in range(30)
        for y in range(30)
    )

    for zoom in (0, 8, 12, 16, 19, 22):
        for bbox in ("-180,-90,180,90", BROOKLYN, "-74,40.6,-73.94,40.66"):
            found = features(api, bbox=bbox, zoom=zoom)
            assert 1 <= len(found) <= 50, (zoom, bbox, len(found))
            assert sum(f["properties"]["count"] for f in found) == 900


@pytest.mark.django_db
def test_the_spatial_index_finds_cameras_written_after_migrations(api):
    # SQLite table remakes used to leave SpatiaLite's index empty (see cameramap/schema.py).
    CameraFactory(location=Point(-73.99, 40.69, srid=4326))

    assert len(features(api, bbox="-74,40.68,-73.98,40.70", zoom=15)) == 1


@pytest.mark.parametrize("zoom", [None, "", "x", "-1", "23", "1.5", "²"])
def test_a_bad_zoom_is_a_400_naming_the_field(api, db, zoom):
    params = {"bbox": BROOKLYN} if zoom is None else {"bbox": BROOKLYN, "zoom": zoom}

    response = api.get(URL, params)

    assert response.status_code == 400
    assert "zoom must be a whole number from 0 to 22" in response.json()["errors"]["zoom"][0]


def test_a_bad_bbox_or_filter_is_a_400_too(api, db):
    assert api.get(URL, {"zoom": 3, "bbox": "1,2,3"}).status_code == 400
    assert api.get(URL, {"zoom": 3, "camera_type": "bullet"}).status_code == 400


@pytest.mark.django_db
def test_filters_no_camera_can_match_give_no_clusters():
    CameraFactory()

    assert camera_clusters(zoom=3, filters={"surveillance_type__in": []}, max_cells=10) == []
