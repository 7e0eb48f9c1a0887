"""Pending reports are seen by their submitter and moderators only, and say nothing about who
sent them, when exactly, or from what device."""

from cameramap.cameras import submitters
from cameramap.cameras.models import Sighting
from tests.sightings import post

SIGHTING_KEYS = {
    "id",
    "status",
    "client_id",
    "location",
    "location_source",
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
    "note",
    "photos",
    "camera",
    "submitted_on",
}


def sent_anonymously(api) -> int:
    return post(api).json()["id"]


def test_the_anonymous_submitter_sees_their_report_with_their_cookie(db, api):
    pk = sent_anonymously(api)

    response = api.get(f"/api/v1/sightings/{pk}/")

    assert response.status_code == 200
    assert response.json()["id"] == pk
    assert response.json()["status"] == "pending"


def test_a_report_says_nothing_of_who_sent_it_or_exactly_when(db, api):
    pk = sent_anonymously(api)

    body = api.get(f"/api/v1/sightings/{pk}/").json()

    assert set(body) == SIGHTING_KEYS
    assert len(body["submitted_on"]) == 10  # a day: YYYY-MM-DD
    text = str(body)
    sighting = Sighting.objects.get()
    assert sighting.submitter_token not in text
    assert api.cookies[submitters.COOKIE_NAME].value not in text


def test_another_browser_does_not_see_an_anonymous_report(db, api, client):
    pk = sent_anonymously(api)

    assert client.get(f"/api/v1/sightings/{pk}/").status_code == 404


def test_a_forged_token_does_not_see_an_anonymous_report(db, api, client):
    pk = sent_anonymously(api)

    client.cookies[submitters.COOKIE_NAME] = "A" * 43

    assert client.get(f"/api/v1/sightings/{pk}/").status_code == 404


def test_another_volunteer_does_not_see_a_report(db, api, client, volunteer, other_volunteer):
    api.force_login(volunteer)
    pk = post(api).json()["id"]

    client.force_login(other_volunteer)

    assert client.get(f"/api/v1/sightings/{pk}/").status_code == 404


def test_a_moderator_sees_any_report(db, api, client, moderator):
    pk = sent_anonymously(api)

    client.force_login(moderator)
    response = client.get(f"/api/v1/sightings/{pk}/")

    assert response.status_code == 200
    assert set(response.json()) == SIGHTING_KEYS


def test_the_public_cameras_api_shows_nothing_of_pending_reports(db, api, client):
    sent_anonymously(api)

    everything = client.get("/api/v1/cameras/")
    here = client.get("/api/v1/cameras/?bbox=-74.1,40.6,-73.8,40.8")

    assert everything.json()["features"] == []
    assert here.json()["features"] == []
    assert "40.6935" not in everything.content.decode()


def test_the_public_map_page_carries_no_pending_report(db, api, client):
    post(api, note="a very distinctive note")

    page = client.get("/").content.decode()

    assert "a very distinctive note" not in page
    assert "40.6935" not in page
