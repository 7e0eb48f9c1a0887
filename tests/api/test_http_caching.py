import pytest
from django.contrib.gis.geos import Point
from django.db import connection

from cameramap.areas.selectors import public_data_version
from cameramap.cameras.services import camera_create
from tests.factories import AreaFactory, CameraFactory, square

PUBLIC_URLS = [
    "/api/v1/areas/",
    "/api/v1/areas/?geometry=false&camera_type=dome",
    "/api/v1/cameras/",
    "/api/v1/cameras/clusters/?zoom=12&bbox=-74.1,40.6,-73.9,40.8",
    "/data/cameras.geojson",
    "/data/cameras.csv",
    "/data/areas.geojson",
]


@pytest.fixture
def area(db):
    return AreaFactory(slug="here", geom=square(-74.00, 40.70))


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_public_data_carries_validators_and_must_be_revalidated(client, area, url):
    response = client.get(url)

    assert response.status_code == 200
    assert response["ETag"]
    assert response["Last-Modified"]
    assert response["Cache-Control"] == "public, no-cache"
    assert "Cookie" not in response.get("Vary", "")


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_an_unchanged_copy_gets_a_304_and_a_changed_one_the_new_data(client, area, url):
    etag = client.get(url)["ETag"]

    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    camera_create(location=Point(-73.995, 40.705, srid=4326), camera_type="dome")
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag


def test_any_write_to_the_public_data_bumps_the_version_whatever_makes_it(area):
    seen = [public_data_version()]
    camera = CameraFactory(location=Point(-73.995, 40.705, srid=4326))
    seen.append(public_data_version())
    # Another app process, a later issue's code or SQL by hand: the database notices.
    with connection.cursor() as cursor:
        cursor.execute("UPDATE cameras_camera SET camera_type = 'dome' WHERE id = %s", [camera.pk])
    seen.append(public_data_version())
    area.delete()
    seen.append(public_data_version())

    versions = [data.version for data in seen]
    assert versions == sorted(set(versions))
    assert len({data.etag for data in seen}) == 4


def test_a_new_unpublished_photo_does_not_change_the_version(area, volunteer):
    from cameramap.cameras.models import Photo
    from tests.factories import SightingFactory

    sighting = SightingFactory(submitter=volunteer)
    before = public_data_version()
    Photo.objects.create(
        sighting=sighting,
        image="p.jpg",
        thumbnail="t.jpg",
        sha256="0" * 64,
        width=10,
        height=10,
        size_bytes=100,
    )

    assert public_data_version() == before


def test_the_cached_area_collection_is_replaced_as_soon_as_the_data_changes(client, area):
    first = client.get("/api/v1/areas/").json()["features"][0]["properties"]["camera_count"]
    camera_create(location=Point(-73.995, 40.705, srid=4326), count=4)

    second = client.get("/api/v1/areas/").json()["features"][0]["properties"]["camera_count"]

    assert (first, second) == (0, 4)
