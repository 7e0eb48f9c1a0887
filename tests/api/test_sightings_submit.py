"""POST /api/v1/sightings/: what a volunteer sends is recorded as a pending sighting, once."""

import uuid

import pytest
from django.contrib.gis.geos import Point

from cameramap.cameras import submitters
from cameramap.cameras.models import Photo, Sighting
from cameramap.lib import images
from tests.sightings import URL, post, report, stored_files


def test_it_records_a_report_as_a_pending_sighting(db, api):
    response = post(
        api,
        camera_type="fixed",
        mount="pole",
        zone="traffic",
        watches="public",
        operator_type="police",
        operator="NYPD",
        directions=["90", "180-270"],
        height_m="4.5",
        count="2",
        note="Two cameras on the lamp post",
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "pending"
    sighting = Sighting.objects.get(pk=body["id"])
    assert sighting.status == Sighting.Status.PENDING
    assert (sighting.location.x, sighting.location.y) == pytest.approx((-73.9859, 40.6935))
    assert sighting.camera_type == "fixed"
    assert sighting.mount == "pole"
    assert sighting.watches == "public"
    assert sighting.operator == "NYPD"
    assert sighting.directions == [90, "180-270"]
    assert sighting.height_m == 4.5
    assert sighting.count == 2
    assert sighting.note == "Two cameras on the lamp post"
    assert body["location"] == {"type": "Point", "coordinates": [-73.9859, 40.6935]}


def test_what_is_not_said_is_recorded_as_not_known(db, api):
    response = api.post(
        URL,
        {
            "client_id": str(uuid.uuid4()),
            "latitude": "40.7",
            "longitude": "-73.99",
            "location_source": "map",
            "watches": "",
        },
        format="multipart",
    )

    assert response.status_code == 201, response.content
    sighting = Sighting.objects.get()
    assert sighting.surveillance_type == "camera"
    assert (sighting.camera_type, sighting.mount, sighting.operator_type) == ("unknown",) * 3
    assert sighting.watches is None
    assert sighting.directions == []
    assert sighting.count == 1


def test_directions_may_come_as_one_semicolon_separated_value(db, api):
    response = post(api, directions="355;175")

    assert response.status_code == 201
    assert Sighting.objects.get().directions == [355, 175]


def test_it_accepts_a_report_as_json_without_a_photo(db, api):
    response = api.post(URL, {**report(), "directions": [45, "10-80"]}, format="json")

    assert response.status_code == 201, response.content
    assert Sighting.objects.get().directions == [45, "10-80"]


def test_a_photo_is_kept_processed_in_the_private_store(db, api, photos):
    with open(photos / "gps" / "DSCN0010.jpg", "rb") as file:
        response = post(api, photo=file, location_source="photo")

    assert response.status_code == 201
    photo = Photo.objects.get()
    assert photo.sighting_id == response.json()["id"]
    assert not photo.is_published
    assert stored_files()["private"] == sorted({photo.image, photo.thumbnail})
    assert stored_files()["public"] == []
    assert response.json()["photos"][0]["image"] == f"/photos/{photo.pk}/image.jpg"


def test_the_photos_gps_never_overrides_the_position_the_volunteer_confirmed(db, api, photos):
    # The photo says Tuscany; the volunteer moved the pin to Brooklyn.
    with open(photos / "gps" / "DSCN0010.jpg", "rb") as file:
        post(api, photo=file, location_source="map", latitude="40.6935", longitude="-73.9859")

    sighting = Sighting.objects.get()
    assert sighting.location.equals_exact(Point(-73.9859, 40.6935, srid=4326), 1e-9)
    assert sighting.location_source == "map"


def test_the_same_client_id_twice_gives_one_sighting_and_the_first_result(db, api, photos):
    payload = report(note="first")
    with open(photos / "gps" / "DSCN0010.jpg", "rb") as file:
        first = api.post(URL, {**payload, "photo": file}, format="multipart")
    with open(photos / "gps" / "DSCN0012.jpg", "rb") as file:
        again = api.post(URL, {**payload, "note": "second", "photo": file}, format="multipart")

    assert first.status_code == 201
    assert again.status_code == 200
    assert again.json() == first.json()
    assert Sighting.objects.count() == 1
    assert Sighting.objects.get().note == "first"
    assert Photo.objects.count() == 1
    assert len(stored_files()["private"]) == 2


def test_a_client_id_someone_else_used_is_refused(db, api, volunteer):
    payload = report()
    assert api.post(URL, payload, format="multipart").status_code == 201

    other = type(api)()
    other.force_login(volunteer)
    response = other.post(URL, payload, format="multipart")

    assert response.status_code == 409
    assert "already used" in response.json()["detail"]
    assert Sighting.objects.count() == 1


def test_a_signed_in_volunteers_report_is_theirs(db, api, volunteer):
    api.force_login(volunteer)

    response = post(api)

    assert response.status_code == 201
    sighting = Sighting.objects.get()
    assert sighting.submitter == volunteer
    assert sighting.submitter_token is None
    assert submitters.COOKIE_NAME not in response.cookies


def test_an_anonymous_volunteer_gets_a_token_of_which_only_a_keyed_hash_is_stored(db, api):
    response = post(api)

    token = response.cookies[submitters.COOKIE_NAME]
    assert token["httponly"]
    assert token["samesite"] == "Lax"
    sighting = Sighting.objects.get()
    assert sighting.submitter is None
    assert sighting.submitter_token == submitters.token_hash(token.value)
    assert token.value not in sighting.submitter_token


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("latitude", "91"),
        ("latitude", "nan"),
        ("longitude", "-180.5"),
        ("longitude", "inf"),
        ("latitude", "north"),
        ("location_source", "gps"),
        ("camera_type", "spy"),
        ("watches", "everything"),
        ("directions", "400"),
        ("directions", "east"),
        ("count", "0"),
        ("height_m", "150"),
        ("client_id", "not-a-uuid"),
        ("note", "x" * 1001),
    ],
)
def test_it_refuses_an_invalid_field_with_its_name(db, api, field, value):
    response = post(api, **{field: value})

    assert response.status_code == 400
    assert field in response.json()["errors"], response.json()
    assert not Sighting.objects.exists()


@pytest.mark.parametrize("field", ["client_id", "latitude", "longitude", "location_source"])
def test_it_refuses_a_report_missing_a_required_field(db, api, field):
    payload = report()
    del payload[field]

    response = api.post(URL, payload, format="multipart")

    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_it_refuses_a_photo_over_20_mb(db, api, photos):
    big = (photos / "gps" / "DSCN0010.jpg").read_bytes() + b"\x00" * images.MAX_BYTES

    response = api.post(URL, {**report(), "photo": _upload(big)}, format="multipart")

    assert response.status_code == 413
    assert "20 MB" in response.json()["detail"]
    assert not Sighting.objects.exists()
    assert stored_files() == {"private": [], "public": []}


def test_it_refuses_an_oversized_body_before_reading_it(db, api):
    body = b"x" * (images.MAX_BYTES + 2 * 1024 * 1024)

    response = api.generic("POST", URL, body, content_type="multipart/form-data; boundary=nothing")

    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"


def test_it_refuses_a_file_that_is_not_a_photo_with_415(db, api):
    response = api.post(
        URL, {**report(), "photo": _upload(b"GIF89a" + b"\x00" * 64, "a.jpg")}, format="multipart"
    )

    assert response.status_code == 415
    assert "JPEG, PNG, WebP or HEIC" in response.json()["errors"]["photo"][0]
    assert not Sighting.objects.exists()


def test_an_empty_photo_field_is_refused(db, api):
    response = api.post(URL, {**report(), "photo": _upload(b"")}, format="multipart")

    assert response.status_code == 400
    assert "photo" in response.json()["errors"]


def test_malformed_multipart_is_a_json_400(db, api):
    response = api.generic(
        "POST",
        URL,
        b"--b\r\nContent-Disposition: form-data; name=\r\n\r\n",
        content_type="multipart/form-data; boundary=b",
    )

    assert response.status_code == 400
    assert response.json()["detail"]


def test_only_post_is_allowed_on_the_collection(db, api):
    response = api.get(URL)

    assert response.status_code == 405
    assert response.json()["detail"]


def _upload(data: bytes, name: str = "photo.jpg"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="image/jpeg")
