"""Every review page and endpoint, for each kind of caller: anonymous callers are sent to sign
in (pages) or get a 401 (API), volunteers a 403, moderators and admins get through."""

import pytest
from django.test import Client

from cameramap.cameras.models import ModerationEvent, Photo
from cameramap.cameras.moderation import sighting_approve
from cameramap.cameras.services import camera_create
from tests.factories import AreaFactory, UserFactory
from tests.moderation.helpers import checkerboard, pending, point


@pytest.fixture
def objects(db, moderator):
    """One of everything a review URL can name; returns the ids."""
    AreaFactory()
    camera = camera_create(location=point())
    approved = pending()
    sighting_approve(sighting_id=approved.pk, actor=moderator)
    sighting = pending(photo=checkerboard(size=64))
    return {
        "camera": camera.pk,
        "sighting": sighting.pk,
        "photo": Photo.objects.get(sighting=sighting).pk,
        "event": ModerationEvent.objects.get().pk,
    }


PAGES = ["/review/", "/review/sightings/{sighting}/", "/review/cameras/{camera}/"]
API_READS = [
    "/api/v1/review/sightings/?status=pending",
    "/api/v1/review/sightings/{sighting}/history",
    "/api/v1/review/cameras/{camera}/history",
]
# Bodies that would be invalid: a caller who gets through is answered 400, never changes data.
API_WRITES = [
    "/api/v1/review/sightings/{sighting}/approve",
    "/api/v1/review/sightings/{sighting}/merge",
    "/api/v1/review/sightings/{sighting}/reject",
    "/api/v1/review/sightings/reject",
    "/api/v1/review/cameras/{camera}/edit",
    "/api/v1/review/cameras/{camera}/remove",
    "/api/v1/review/cameras/{camera}/restore",
    "/api/v1/review/events/{event}/undo",
    "/api/v1/review/photos/{photo}/redact",
]
INVALID = {
    "approve": {"count": 0},
    "edit": {"count": 0},
    "remove": {"reason": "x" * 5000},
    "restore": {"reason": "x" * 5000},
    "undo": {"reason": "x" * 5000},
}


def caller(kind: str, request) -> Client:
    client = Client()
    users = {
        "volunteer": lambda: request.getfixturevalue("volunteer"),
        "other volunteer": lambda: request.getfixturevalue("other_volunteer"),
        "moderator": lambda: request.getfixturevalue("moderator"),
        "admin": lambda: request.getfixturevalue("admin_user"),
        "staff without the role": lambda: UserFactory(username="stan", is_staff=True),
    }
    if kind in users:
        client.force_login(users[kind]())
    return client


def send_write(client, path):
    action = path.rstrip("/").rsplit("/", 1)[-1]
    return client.post(path, INVALID.get(action, {}), content_type="application/json")


@pytest.mark.parametrize("path", PAGES)
def test_anonymous_visitors_are_sent_to_sign_in_from_every_page(objects, path):
    response = Client().get(path.format(**objects))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


@pytest.mark.parametrize("path", API_READS + API_WRITES)
def test_anonymous_callers_get_a_401_from_every_endpoint(objects, path):
    client = Client()
    url = path.format(**objects)
    response = client.get(url) if path in API_READS else send_write(client, url)
    assert response.status_code == 401
    assert response.json()["detail"]


@pytest.mark.parametrize("kind", ["volunteer", "other volunteer", "staff without the role"])
@pytest.mark.parametrize("path", PAGES + API_READS + API_WRITES)
def test_volunteers_get_a_403_everywhere(objects, request, kind, path):
    client = caller(kind, request)
    url = path.format(**objects)
    response = send_write(client, url) if path in API_WRITES else client.get(url)
    assert response.status_code == 403
    assert ModerationEvent.objects.count() == 1


@pytest.mark.parametrize("kind", ["moderator", "admin"])
@pytest.mark.parametrize("path", PAGES + API_READS)
def test_moderators_and_admins_can_read_every_page_and_endpoint(objects, request, kind, path):
    response = caller(kind, request).get(path.format(**objects))
    assert response.status_code == 200


@pytest.mark.parametrize("kind", ["moderator", "admin"])
@pytest.mark.parametrize("path", API_WRITES)
def test_moderators_and_admins_get_through_to_every_action(objects, request, kind, path):
    response = send_write(caller(kind, request), path.format(**objects))
    assert response.status_code == 400
    assert ModerationEvent.objects.count() == 1


def test_the_review_pages_are_never_cached(objects, moderator):
    client = Client()
    client.force_login(moderator)
    assert "no-store" in client.get("/review/")["Cache-Control"]
