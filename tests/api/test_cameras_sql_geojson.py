"""The camera list's Features written by PostGIS (issue 7) equal the serializer's."""

import json
from datetime import date

import pytest
from django.conf import settings
from django.contrib.gis.geos import Point

from api.serializers import CameraSerializer
from cameramap.cameras.models import Photo
from cameramap.cameras.selectors import cameras_features_json, cameras_public
from tests.factories import AreaFactory, CameraFactory, SightingFactory, square


@pytest.fixture
def cameras(db):
    """Cameras covering every kind of value a property can take: nulls, lists, dates, a photo
    (the newest published one wins), an area or none, coordinates to 7 decimals."""
    AreaFactory(slug="gowanus", geom=square(-74.00, 40.67))
    plain = CameraFactory(location=Point(-73.9951234, 40.6750001, srid=4326))
    full = CameraFactory(
        location=Point(-73.9912345, 40.6798765, srid=4326),
        surveillance_type="alpr",
        camera_type="dome",
        mount="pole",
        zone="traffic",
        watches="public",
        operator_type="police",
        operator="NYPD «Δ»",
        face_recognition="yes",
        directions=[45, "90-270"],
        height_m=4.5,
        count=3,
        confirmations=2,
        first_reported=date(2025, 1, 2),
        last_confirmed=date(2026, 3, 4),
    )
    outside = CameraFactory(location=Point(-73.5, 40.5, srid=4326))
    CameraFactory(status="removed")
    sighting = SightingFactory(status="approved", camera=full)
    for name, published in (("old.jpg", True), ("new.jpg", True), ("private.jpg", False)):
        Photo.objects.create(
            sighting=sighting,
            camera=full,
            image=f"photos/{name}",
            thumbnail=f"photos/t-{name}",
            sha256=name[0] * 64,
            width=1,
            height=1,
            size_bytes=1,
            is_published=published,
        )
    from cameramap.areas.services import areas_recompute

    areas_recompute()
    return plain, full, outside


def test_postgis_writes_the_same_features_as_the_serializer(on_postgis, cameras):
    serialized = json.loads(json.dumps(CameraSerializer(cameras_public(), many=True).data))

    written = json.loads(cameras_features_json(cameras_public(), media_url=settings.MEDIA_URL))

    assert written == serialized["features"]
    assert [f["properties"]["photo"] for f in written] == [None, "/media/photos/new.jpg", None]
    assert [f["properties"]["area"] for f in written] == ["gowanus", "gowanus", None]


def test_no_matching_camera_is_an_empty_array(on_postgis, cameras):
    assert cameras_features_json(cameras_public(filters={"pk__in": []}), media_url="/") == "[]"


def test_a_page_of_the_list_carries_the_serializer_features_and_the_pagination_links(
    on_postgis, cameras, api
):
    expected = json.loads(json.dumps(CameraSerializer(cameras_public(), many=True).data))

    first = api.get("/api/v1/cameras/", {"page_size": 2}).json()
    second = api.get(first["next"]).json()

    assert first["type"] == "FeatureCollection"
    assert (first["count"], second["count"]) == (3, 3)
    assert first["previous"] is None
    assert second["next"] is None
    assert second["previous"].endswith("/api/v1/cameras/?page_size=2")
    assert first["features"] + second["features"] == expected["features"]


def test_a_filtered_list_carries_the_serializer_features_on_either_database(cameras, api):
    _, full, _ = cameras

    body = api.get(
        "/api/v1/cameras/", {"bbox": "-74.0,40.67,-73.99,40.68", "camera_type": "dome"}
    ).json()

    assert body["count"] == 1
    assert (
        body["features"]
        == json.loads(
            json.dumps(CameraSerializer([cameras_public().get(pk=full.pk)], many=True).data)
        )["features"]
    )


def test_a_page_past_the_end_is_a_404(on_postgis, cameras, api):
    assert api.get("/api/v1/cameras/", {"page": 9}).status_code == 404
