"""Two moderators approving the same sighting at the same moment, on separate connections:
one camera, and the other gets a conflict saying what happened (a 409 through the API)."""

import threading

import pytest
from django.db import connection, connections
from rest_framework.test import APIClient

from cameramap.areas.models import Area
from cameramap.cameras.models import Camera, ModerationEvent, Sighting
from tests.factories import AreaFactory, CameraFactory
from tests.moderation.helpers import pending

pytestmark = pytest.mark.postgis


def race(users, path: str, body: dict) -> list:
    start = threading.Barrier(len(users))
    responses = []

    def act(user):
        client = APIClient()
        client.force_login(user)
        try:
            start.wait()
            responses.append(client.post(path, body, format="json"))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=act, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return responses


@pytest.fixture
def two_moderators(transactional_db, moderator):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostGIS (set DATABASE_URL=postgis://…)")
    from cameramap.cameras.roles import moderators_group
    from tests.factories import UserFactory

    other = UserFactory(username="max")
    other.groups.add(moderators_group())
    AreaFactory(slug="here")
    return [moderator, other]


def test_two_concurrent_approvals_make_one_camera_and_one_409(two_moderators):
    sighting = pending(count=2)
    responses = race(two_moderators, f"/api/v1/review/sightings/{sighting.pk}/approve", {})
    assert sorted(r.status_code for r in responses) == [201, 409]
    loser = next(r for r in responses if r.status_code == 409).json()
    assert loser["happened"]["status"] == "approved"
    assert loser["happened"]["action"] == "approve"
    assert Camera.objects.count() == 1
    assert Area.objects.get(slug="here").camera_count == 2
    assert ModerationEvent.objects.filter(action="approve").count() == 1


def test_two_concurrent_merges_add_one_confirmation(two_moderators):
    camera = CameraFactory(confirmations=1)
    sighting = pending()
    responses = race(
        two_moderators,
        f"/api/v1/review/sightings/{sighting.pk}/merge",
        {"camera": camera.pk},
    )
    assert sorted(r.status_code for r in responses) == [200, 409]
    camera.refresh_from_db()
    assert camera.confirmations == 2
    assert Sighting.objects.get().status == "merged"
