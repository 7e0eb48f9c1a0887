import pytest

from cameramap.areas.models import Area
from cameramap.cameras.models import Camera, ModerationEvent, Sighting
from cameramap.cameras.services import camera_create
from tests.factories import AreaFactory
from tests.moderation.helpers import LAT, LON, NEAR_LAT, checkerboard, pending, point

QUEUE = "/api/v1/review/sightings/"


@pytest.fixture
def signed_in(api, moderator):
    AreaFactory(slug="here")
    api.force_login(moderator)
    return api


def test_the_queue_is_oldest_first_with_its_length(signed_in):
    first, second = pending(), pending()
    body = signed_in.get(QUEUE, {"status": "pending"}).json()
    assert body["count"] == 2
    assert [s["id"] for s in body["results"]] == [first.pk, second.pk]


def test_each_queued_sighting_carries_the_cameras_within_50_m_only(signed_in):
    near = camera_create(location=point(lat=NEAR_LAT))
    camera_create(location=point(lat=LAT + 60 / 111_000))
    sighting = pending()
    item = signed_in.get(QUEUE).json()["results"][0]
    assert item["id"] == sighting.pk
    assert [c["id"] for c in item["nearby"]] == [near.pk]
    assert 19 < item["nearby"][0]["metres"] < 21


def test_the_queue_shows_a_track_record_and_never_the_submitter(signed_in, volunteer, moderator):
    from cameramap.cameras.moderation import sighting_approve, sighting_reject

    for _ in range(2):
        sighting_approve(sighting_id=pending(submitter=volunteer).pk, actor=moderator)
    sighting_reject(sighting_id=pending(submitter=volunteer).pk, actor=moderator, reason="spam")
    pending(submitter=volunteer)
    response = signed_in.get(QUEUE)
    item = response.json()["results"][0]
    assert item["track_record"] == {"approved": 2, "rejected": 1}
    assert "vera" not in response.content.decode()
    assert "submitter" not in item


def test_approve_with_corrections_answers_201_and_makes_the_camera(signed_in):
    sighting = pending(camera_type="dome")
    response = signed_in.post(
        f"{QUEUE}{sighting.pk}/approve",
        {"camera_type": "fixed", "latitude": LAT + 0.001, "longitude": LON},
        format="json",
    )
    assert response.status_code == 201
    camera = Camera.objects.get(pk=response.json()["camera"])
    assert camera.camera_type == "fixed"
    assert camera.location.y == pytest.approx(LAT + 0.001)
    assert Area.objects.get(slug="here").camera_count == 1


def test_approve_with_an_invalid_field_is_a_400_naming_it(signed_in):
    sighting = pending()
    response = signed_in.post(f"{QUEUE}{sighting.pk}/approve", {"count": 0}, format="json")
    assert response.status_code == 400
    assert "count" in response.json()["errors"]
    assert Camera.objects.count() == 0


def test_merge_answers_with_the_new_confirmations(signed_in):
    camera = camera_create(location=point(), confirmations=1)
    sighting = pending(lat=NEAR_LAT)
    response = signed_in.post(f"{QUEUE}{sighting.pk}/merge", {"camera": camera.pk}, format="json")
    assert response.status_code == 200
    assert response.json()["confirmations"] == 2
    assert Camera.objects.count() == 1


def test_merge_into_a_missing_camera_is_a_400(signed_in):
    sighting = pending()
    response = signed_in.post(f"{QUEUE}{sighting.pk}/merge", {"camera": 999999}, format="json")
    assert response.status_code == 400
    assert "camera" in response.json()["errors"]


def test_reject_without_a_reason_is_a_400(signed_in):
    sighting = pending()
    response = signed_in.post(f"{QUEUE}{sighting.pk}/reject", {}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"]["reason"]


def test_acting_on_a_reviewed_sighting_is_a_409_with_what_happened(signed_in):
    sighting = pending()
    signed_in.post(f"{QUEUE}{sighting.pk}/reject", {"reason": "spam"}, format="json")
    response = signed_in.post(f"{QUEUE}{sighting.pk}/approve", {}, format="json")
    assert response.status_code == 409
    body = response.json()
    assert body["detail"]
    assert body["happened"]["action"] == "reject"
    assert body["happened"]["reason"] == "Spam or abuse"


def test_a_missing_sighting_is_a_404(signed_in):
    response = signed_in.post(f"{QUEUE}999999/approve", {}, format="json")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_bulk_reject_reports_what_it_rejected_and_skipped(signed_in):
    first, second = pending(), pending()
    signed_in.post(f"{QUEUE}{second.pk}/approve", {}, format="json")
    response = signed_in.post(
        f"{QUEUE}reject", {"sightings": [first.pk, second.pk], "reason": "spam"}, format="json"
    )
    assert response.json() == {"rejected": [first.pk], "skipped": [second.pk]}


def test_undo_through_the_api_puts_the_sighting_back_in_the_queue(signed_in):
    sighting = pending()
    event = signed_in.post(f"{QUEUE}{sighting.pk}/approve", {}, format="json").json()["event"]
    response = signed_in.post(f"/api/v1/review/events/{event}/undo", {}, format="json")
    assert response.status_code == 200
    assert Sighting.objects.get().status == "pending"
    assert Area.objects.get(slug="here").camera_count == 0


def test_camera_edit_remove_restore_and_history(signed_in):
    camera = camera_create(location=point(), count=2)
    base = f"/api/v1/review/cameras/{camera.pk}"
    assert signed_in.post(f"{base}/edit", {"count": 4}, format="json").status_code == 200
    assert Area.objects.get(slug="here").camera_count == 4
    assert signed_in.post(f"{base}/remove", {"reason": "gone"}, format="json").status_code == 200
    assert signed_in.post(f"{base}/remove", {}, format="json").status_code == 409
    assert Area.objects.get(slug="here").camera_count == 0
    assert signed_in.post(f"{base}/restore", {}, format="json").status_code == 200
    history = signed_in.get(f"{base}/history").json()
    assert [e["action"] for e in history] == ["edit", "remove", "restore"]
    assert history[1]["reason"] == "gone"
    assert history[0]["actor"] == "mona"


def test_redact_through_the_api(signed_in):
    sighting = pending(photo=checkerboard())
    photo = sighting.photos.get()
    before = photo.sha256
    response = signed_in.post(
        f"/api/v1/review/photos/{photo.pk}/redact",
        {"boxes": [[10, 10, 100, 100]], "reason": "plate"},
        format="json",
    )
    assert response.status_code == 200
    assert ModerationEvent.objects.get().action == "redact"
    photo.refresh_from_db()
    assert photo.sha256 != before
    bad = signed_in.post(
        f"/api/v1/review/photos/{photo.pk}/redact", {"boxes": [[1, 2, 3]]}, format="json"
    )
    assert bad.status_code == 400
