import json

import pytest
from django.contrib.gis.geos import Point

from cameramap.cameras.models import Photo
from cameramap.cameras.services import camera_create
from tests.factories import AreaFactory, SightingFactory, square


@pytest.fixture
def camera(db):
    AreaFactory(slug="here", geom=square(-74.00, 40.70))
    return camera_create(location=Point(-73.995, 40.705, srid=4326))


def download(client, name):
    response = client.get(f"/data/{name}")
    assert response.status_code == 200
    return response, b"".join(response.streaming_content).decode()


def test_the_open_data_page_links_every_download_and_the_licence(client, db):
    html = client.get("/data/").content.decode()

    for name in ("cameras.geojson", "cameras.csv", "areas.geojson"):
        assert f'href="/data/{name}"' in html
    assert "ODbL-1.0" in html


def test_the_camera_download_is_a_dated_geojson_attachment(client, camera):
    response, body = download(client, "cameras.geojson")

    assert response["Content-Type"] == "application/geo+json"
    assert response["Content-Disposition"].startswith('attachment; filename="cameramap-cameras-')
    document = json.loads(body)
    assert document["license"] == "ODbL-1.0"
    assert [f["id"] for f in document["features"]] == [camera.pk]


def test_downloaded_photos_have_absolute_addresses(client, camera, volunteer):
    sighting = SightingFactory(submitter=volunteer, status="approved", camera=camera)
    Photo.objects.create(
        sighting=sighting,
        camera=camera,
        image="photos/a.jpg",
        thumbnail="photos/a-t.jpg",
        sha256="a" * 64,
        width=1,
        height=1,
        size_bytes=1,
        is_published=True,
    )

    _, body = download(client, "cameras.geojson")

    assert json.loads(body)["features"][0]["properties"]["photo"] == (
        "http://testserver/media/photos/a.jpg"
    )


def test_the_csv_and_area_downloads_are_there_too(client, camera):
    csv_response, csv_body = download(client, "cameras.csv")
    areas_response, areas_body = download(client, "areas.geojson")

    assert csv_response["Content-Type"] == "text/csv; charset=utf-8"
    assert csv_body.splitlines()[0].startswith("id,longitude,latitude,")
    assert json.loads(areas_body)["features"][0]["properties"]["camera_count"] == 1


def test_an_unknown_download_is_a_404(client, db):
    assert client.get("/data/secrets.txt").status_code == 404
