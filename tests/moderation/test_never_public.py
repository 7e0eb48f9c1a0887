"""A rejected sighting, the moderation log and who submitted or reviewed what appear in no
public response."""

import pytest
from django.test import Client

from cameramap.cameras.moderation import sighting_approve, sighting_reject
from tests.factories import AreaFactory
from tests.moderation.helpers import pending

PUBLIC = [
    "/",
    "/areas/",
    "/areas/here/",
    "/api/v1/cameras/",
    "/api/v1/cameras/clusters/?zoom=12",
    "/api/v1/areas/",
    "/api/v1/areas/here/",
    "/data/cameras.geojson",
    "/data/cameras.csv",
    "/data/areas.geojson",
]


def bodies(paths) -> str:
    client = Client()
    text = []
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        content = b"".join(response.streaming_content) if response.streaming else response.content
        text.append(content.decode())
    return "\n".join(text)


@pytest.fixture
def reviewed(db, volunteer, moderator):
    AreaFactory(slug="here")
    kept = pending(submitter=volunteer, operator="Visible Operator")
    camera = sighting_approve(sighting_id=kept.pk, actor=moderator, reason="ok-approved-reason")
    rejected = pending(
        submitter=volunteer, operator="Secret Operator Zeta", note="secret note", lon=-73.981
    )
    sighting_reject(sighting_id=rejected.pk, actor=moderator, reason="spam", note="zeta-reason")
    return camera


def test_a_rejection_leaves_no_trace_in_any_public_response(reviewed):
    text = bodies([*PUBLIC, f"/cameras/{reviewed.pk}/"])
    assert "Visible Operator" in text  # the approved camera is there, so the pages were read
    for secret in ("Secret Operator Zeta", "secret note", "zeta-reason", "-73.981"):
        assert secret not in text


def test_no_public_response_names_a_submitter_a_moderator_or_a_reason(reviewed):
    text = bodies([*PUBLIC, f"/cameras/{reviewed.pk}/"])
    for secret in ("vera", "mona", "ok-approved-reason", "moderation", "review_reason"):
        assert secret not in text


def test_the_camera_count_is_unchanged_by_a_rejection(reviewed):
    from cameramap.areas.models import Area

    assert Area.objects.get(slug="here").camera_count == 1
