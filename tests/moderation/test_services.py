import pytest
from django.core.exceptions import ValidationError

from cameramap.areas.models import Area
from cameramap.cameras import photo_store
from cameramap.cameras.models import Camera, ModerationEvent, Photo, Sighting
from cameramap.cameras.moderation import (
    ModerationConflict,
    camera_edit,
    camera_remove,
    camera_restore,
    event_undo,
    sighting_approve,
    sighting_merge,
    sighting_reject,
    sightings_bulk_reject,
)
from cameramap.cameras.services import camera_create
from tests.factories import AreaFactory, square
from tests.moderation.helpers import NEAR_LAT, checkerboard, figures, pending, point


@pytest.fixture
def area(db):
    return AreaFactory(slug="here", population=1000)


@pytest.fixture
def elsewhere(db):
    return AreaFactory(slug="there", geom=square(-73.90, 40.60))


def test_approve_creates_one_camera_in_the_right_area_raising_its_count_by_count(
    area, elsewhere, volunteer, moderator
):
    sighting = pending(submitter=volunteer, count=3)
    camera = sighting_approve(sighting_id=sighting.pk, actor=moderator)
    area.refresh_from_db()
    assert Camera.objects.count() == 1
    assert camera.area == area
    assert area.camera_count == 3
    assert camera.confirmations == 1
    sighting.refresh_from_db()
    assert (sighting.status, sighting.camera, sighting.reviewed_by) == (
        "approved",
        camera,
        moderator,
    )


def test_approve_applies_every_correction_including_the_location(area, elsewhere, moderator):
    sighting = pending(camera_type="dome")
    camera = sighting_approve(
        sighting_id=sighting.pk,
        actor=moderator,
        location=point(-73.895, 40.605),
        camera_type="fixed",
        mount="pole",
        operator="NYPD",
        directions=[90],
        height_m=4.0,
        count=2,
    )
    assert (camera.camera_type, camera.mount, camera.operator) == ("fixed", "pole", "NYPD")
    assert (camera.directions, camera.height_m, camera.count) == ([90], 4.0, 2)
    assert camera.area == elsewhere
    assert Area.objects.get(slug="there").camera_count == 2
    assert Area.objects.get(slug="here").camera_count == 0


def test_approve_publishes_the_photo_only_when_kept(
    area, moderator, django_capture_on_commit_callbacks
):
    kept = pending(photo=checkerboard())
    dropped = pending(photo=checkerboard(cell=16))
    with django_capture_on_commit_callbacks(execute=True):
        sighting_approve(sighting_id=kept.pk, actor=moderator)
        sighting_approve(sighting_id=dropped.pk, actor=moderator, keep_photos=[])
    published = Photo.objects.get(sighting=kept)
    assert published.is_published
    assert not Photo.objects.get(sighting=dropped).is_published
    assert photo_store.files_in(published=True) == sorted([published.image, published.thumbnail])


def test_approve_writes_an_event_with_actor_and_before_after(area, moderator):
    sighting = pending(camera_type="dome")
    camera = sighting_approve(sighting_id=sighting.pk, actor=moderator, camera_type="fixed")
    event = ModerationEvent.objects.get()
    assert (event.action, event.actor, event.sighting, event.camera) == (
        "approve",
        moderator,
        sighting,
        camera,
    )
    assert event.before["sighting"]["camera_type"] == "dome"
    assert event.after["camera"]["camera_type"] == "fixed"


def test_a_second_approval_of_the_same_sighting_is_a_conflict_saying_what_happened(
    area, moderator
):
    sighting = pending()
    sighting_approve(sighting_id=sighting.pk, actor=moderator)
    with pytest.raises(ModerationConflict) as raised:
        sighting_approve(sighting_id=sighting.pk, actor=moderator)
    assert raised.value.happened["status"] == "approved"
    assert raised.value.happened["action"] == "approve"
    assert Camera.objects.count() == 1


def test_an_invalid_correction_leaves_nothing_written(area, moderator):
    sighting = pending()
    with pytest.raises(ValidationError):
        sighting_approve(sighting_id=sighting.pk, actor=moderator, camera_type="hidden")
    assert Camera.objects.count() == 0
    assert Sighting.objects.get().status == "pending"
    assert ModerationEvent.objects.count() == 0


def test_merge_raises_confirmations_by_one_and_creates_no_camera(area, moderator):
    camera = camera_create(location=point(), confirmations=1, directions=[90])
    sighting = pending(lat=NEAR_LAT, directions=[180, 90])
    merged = sighting_merge(sighting_id=sighting.pk, camera_id=camera.pk, actor=moderator)
    assert Camera.objects.count() == 1
    assert merged.confirmations == 2
    assert merged.directions == [90, 180]
    assert merged.last_confirmed is not None
    sighting.refresh_from_db()
    assert (sighting.status, sighting.camera) == ("merged", camera)


def test_merge_may_add_the_photo_to_the_camera(area, moderator):
    camera = camera_create(location=point())
    sighting = pending(photo=checkerboard())
    photo = Photo.objects.get(sighting=sighting)
    sighting_merge(
        sighting_id=sighting.pk, camera_id=camera.pk, actor=moderator, keep_photos=[photo.pk]
    )
    photo.refresh_from_db()
    assert (photo.is_published, photo.camera) == (True, camera)


def test_merge_into_a_removed_camera_is_a_conflict(area, moderator):
    camera = camera_create(location=point())
    camera_remove(camera_id=camera.pk, actor=moderator)
    sighting = pending()
    with pytest.raises(ModerationConflict):
        sighting_merge(sighting_id=sighting.pk, camera_id=camera.pk, actor=moderator)
    assert Sighting.objects.get().status == "pending"


def test_reject_records_the_listed_reason_and_free_text(
    area, moderator, django_capture_on_commit_callbacks
):
    sighting = pending(photo=checkerboard())
    with django_capture_on_commit_callbacks(execute=True):
        sighting_reject(sighting_id=sighting.pk, actor=moderator, reason="spam", note="ad")
    sighting.refresh_from_db()
    assert sighting.status == "rejected"
    assert sighting.review_reason == "Spam or abuse: ad"
    assert not Photo.objects.get().is_published
    assert photo_store.files_in(published=True) == []


def test_reject_needs_a_reason(area, moderator):
    sighting = pending()
    with pytest.raises(ValidationError):
        sighting_reject(sighting_id=sighting.pk, actor=moderator, reason=" ")


def test_bulk_reject_rejects_the_pending_ones_and_skips_the_rest(area, moderator):
    first, second, approved = pending(), pending(), pending()
    sighting_approve(sighting_id=approved.pk, actor=moderator)
    result = sightings_bulk_reject(
        sighting_ids=[first.pk, second.pk, approved.pk], actor=moderator, reason="spam"
    )
    assert result.rejected == [first.pk, second.pk]
    assert result.skipped == [approved.pk]
    assert ModerationEvent.objects.filter(action="reject").count() == 2


def test_undo_of_an_approval_restores_every_figure_exactly(
    area, elsewhere, moderator, django_capture_on_commit_callbacks
):
    camera_create(location=point(), count=2)
    before = figures()
    sighting = pending(count=4, photo=checkerboard())
    with django_capture_on_commit_callbacks(execute=True):
        sighting_approve(sighting_id=sighting.pk, actor=moderator)
    assert figures() != before
    assert photo_store.files_in(published=True) != []
    with django_capture_on_commit_callbacks(execute=True):
        event_undo(event_id=ModerationEvent.objects.get(action="approve").pk, actor=moderator)
    assert figures() == before
    assert Camera.objects.count() == 1
    sighting.refresh_from_db()
    assert (sighting.status, sighting.camera) == ("pending", None)
    assert photo_store.files_in(published=True) == []


def test_undo_of_a_merge_restores_confirmations_dates_and_directions(area, moderator):
    camera = camera_create(location=point(), confirmations=3, directions=[90])
    before_state = Camera.objects.values().get(pk=camera.pk)
    before = figures()
    sighting = pending(directions=[270])
    sighting_merge(sighting_id=sighting.pk, camera_id=camera.pk, actor=moderator)
    event_undo(event_id=ModerationEvent.objects.get(action="merge").pk, actor=moderator)
    after_state = Camera.objects.values().get(pk=camera.pk)
    for name in ("confirmations", "last_confirmed", "directions", "count", "status"):
        assert after_state[name] == before_state[name]
    assert figures() == before
    assert Sighting.objects.get().status == "pending"


def test_undo_twice_is_a_conflict(area, moderator):
    sighting = pending()
    sighting_approve(sighting_id=sighting.pk, actor=moderator)
    event = ModerationEvent.objects.get(action="approve")
    event_undo(event_id=event.pk, actor=moderator)
    with pytest.raises(ModerationConflict):
        event_undo(event_id=event.pk, actor=moderator)


def test_an_approval_with_later_merges_cannot_be_undone_before_them(area, moderator):
    first, second = pending(), pending()
    camera = sighting_approve(sighting_id=first.pk, actor=moderator)
    sighting_merge(sighting_id=second.pk, camera_id=camera.pk, actor=moderator)
    with pytest.raises(ModerationConflict):
        event_undo(event_id=ModerationEvent.objects.get(action="approve").pk, actor=moderator)
    assert Camera.objects.get().confirmations == 2


def test_removing_a_camera_takes_it_out_of_the_figures_and_restoring_puts_it_back(area, moderator):
    camera = camera_create(location=point(), count=5)
    before = figures()
    camera_remove(camera_id=camera.pk, actor=moderator, reason="gone")
    assert Area.objects.get(slug="here").camera_count == 0
    assert Camera.objects.public().count() == 0
    camera_restore(camera_id=camera.pk, actor=moderator)
    assert figures() == before
    assert list(ModerationEvent.objects.values_list("action", flat=True)) == ["remove", "restore"]


def test_editing_a_camera_moves_its_count_between_areas(area, elsewhere, moderator):
    camera = camera_create(location=point(), count=2)
    camera_edit(camera_id=camera.pk, actor=moderator, location=point(-73.895, 40.605), count=3)
    assert Area.objects.get(slug="here").camera_count == 0
    assert Area.objects.get(slug="there").camera_count == 3
    event = ModerationEvent.objects.get()
    assert (event.before["camera"]["count"], event.after["camera"]["count"]) == (2, 3)


def test_the_data_version_moves_with_an_approval(area, moderator):
    from cameramap.areas.models import DataVersion

    sighting = pending()
    version = DataVersion.objects.get().version
    sighting_approve(sighting_id=sighting.pk, actor=moderator)
    assert DataVersion.objects.get().version > version
