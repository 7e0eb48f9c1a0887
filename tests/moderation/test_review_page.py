import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cameramap.cameras.moderation import sighting_approve, sighting_reject
from cameramap.cameras.services import camera_create
from tests.factories import AreaFactory, SightingFactory
from tests.moderation.helpers import NEAR_LAT, checkerboard, pending, point


@pytest.fixture
def signed_in(client, moderator):
    AreaFactory()
    client.force_login(moderator)
    return client


def test_the_page_shows_the_oldest_sighting_its_claims_photo_and_the_queue_length(
    signed_in, volunteer, moderator
):
    sighting_approve(sighting_id=pending(submitter=volunteer).pk, actor=moderator)
    sighting_reject(sighting_id=pending(submitter=volunteer).pk, actor=moderator, reason="spam")
    oldest = pending(submitter=volunteer, camera_type="dome", photo=checkerboard(size=64))
    pending()
    page = signed_in.get("/review/").content.decode()
    assert "2 sightings waiting" in page
    assert f"Sighting #{oldest.pk} (1 of 2)" in page
    assert f"/photos/{oldest.photos.get().pk}/image.jpg" in page
    assert "The phone&#x27;s position" in page or "The phone's position" in page
    assert "1 approved, 1 rejected" in page
    assert "vera" not in page
    for key in ("<kbd>a</kbd>", "<kbd>m</kbd>", "<kbd>r</kbd>", "<kbd>j</kbd>", "<kbd>k</kbd>"):
        assert key in page


def test_the_page_lists_the_cameras_within_50_m_for_merging(signed_in):
    camera = camera_create(location=point(lat=NEAR_LAT), confirmations=2)
    pending()
    page = signed_in.get("/review/").content.decode()
    assert f'name="camera" value="{camera.pk}"' in page
    assert "20 m" in page


def test_a_chosen_sighting_is_shown_with_its_neighbours_in_the_queue(signed_in):
    first, second, third = pending(), pending(), pending()
    page = signed_in.get("/review/", {"sighting": second.pk}).content.decode()
    assert f"Sighting #{second.pk} (2 of 3)" in page
    assert f'id="previous" href="?sighting={first.pk}"' in page
    assert f'id="next" href="?sighting={third.pk}"' in page


def test_an_empty_queue_says_so(signed_in):
    assert "The queue is empty" in signed_in.get("/review/").content.decode()


def queries_for_queue_of(client, n: int) -> int:
    SightingFactory.create_batch(n)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/review/")
    assert response.status_code == 200
    return len(queries)


def test_the_queue_page_query_count_does_not_grow_with_the_queue(signed_in, moderator):
    camera_create(location=point(lat=NEAR_LAT))
    few = queries_for_queue_of(signed_in, 5)
    many = queries_for_queue_of(signed_in, 45)
    assert few == many


def test_the_queue_api_query_count_does_not_grow_with_the_page(api, moderator):
    AreaFactory()
    api.force_login(moderator)
    camera_create(location=point(lat=NEAR_LAT))
    counts = []
    for n in (5, 45):
        SightingFactory.create_batch(n)
        with CaptureQueriesContext(connection) as queries:
            assert api.get("/api/v1/review/sightings/", {"limit": 100}).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
