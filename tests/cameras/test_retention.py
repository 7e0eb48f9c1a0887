"""apply_retention: rejected reports lose their photos, approved and merged ones their sender,
each after the configured number of days since the review."""

import io
import uuid
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from PIL import Image

from cameramap.cameras.models import Photo, Sighting
from cameramap.cameras.services import sighting_submit
from tests.factories import CameraFactory
from tests.sightings import stored_files


def jpeg(shade: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (80, 60), (shade, 100, 100)).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def retention(settings):
    settings.CAMERAMAP_RETAIN_REJECTED_PHOTOS_DAYS = 30
    settings.CAMERAMAP_RETAIN_SUBMITTER_DAYS = 90


def reviewed(*, status: str, days_ago: int, user, shade: int = 10) -> Sighting:
    """A report with a photo, reviewed `days_ago` days ago."""
    sighting = sighting_submit(
        client_id=uuid.uuid4(),
        latitude=40.69,
        longitude=-73.98,
        location_source="map",
        submitter=user,
        submitter_token_hash="f" * 64,
        photo=jpeg(shade),
    ).sighting
    camera = CameraFactory() if status in ("approved", "merged") else None
    Sighting.objects.filter(pk=sighting.pk).update(
        status=status, camera=camera, reviewed_at=timezone.now() - timedelta(days=days_ago)
    )
    return sighting


def test_photos_of_reports_rejected_long_enough_ago_are_deleted(
    db, retention, volunteer, django_capture_on_commit_callbacks
):
    old = reviewed(status="rejected", days_ago=31, user=volunteer, shade=10)
    recent = reviewed(status="rejected", days_ago=29, user=volunteer, shade=200)
    old_files = set(Photo.objects.filter(sighting=old).values_list("image", "thumbnail")[0])

    # Files go once the deletion has committed (the test's own transaction never does).
    with django_capture_on_commit_callbacks(execute=True):
        call_command("apply_retention")

    assert not Photo.objects.filter(sighting=old).exists()
    assert Photo.objects.filter(sighting=recent).exists()
    assert Sighting.objects.filter(pk=old.pk).exists()  # the report itself stays, photo-less
    assert not old_files & set(stored_files()["private"])


def test_pending_and_approved_reports_keep_their_photos(db, retention, volunteer):
    pending = reviewed(status="pending", days_ago=400, user=volunteer, shade=10)
    approved = reviewed(status="approved", days_ago=400, user=volunteer, shade=200)

    call_command("apply_retention")

    assert Photo.objects.filter(sighting__in=[pending, approved]).count() == 2


def test_approved_and_merged_reports_forget_their_sender_after_the_set_days(
    db, retention, volunteer
):
    approved = reviewed(status="approved", days_ago=91, user=volunteer)
    merged = reviewed(status="merged", days_ago=91, user=volunteer)
    recent = reviewed(status="approved", days_ago=89, user=volunteer)

    call_command("apply_retention")

    for sighting in (approved, merged):
        sighting.refresh_from_db()
        assert sighting.submitter_id is None
        assert sighting.submitter_token is None
    recent.refresh_from_db()
    assert recent.submitter_id == volunteer.pk


def test_pending_and_rejected_reports_keep_their_sender(db, retention, volunteer):
    pending = reviewed(status="pending", days_ago=400, user=volunteer)
    rejected = reviewed(status="rejected", days_ago=400, user=volunteer)

    call_command("apply_retention")

    assert (
        Sighting.objects.filter(pk__in=[pending.pk, rejected.pk], submitter=volunteer).count() == 2
    )


def test_the_command_says_what_it_did(db, retention, volunteer, capsys):
    reviewed(status="rejected", days_ago=31, user=volunteer)
    reviewed(status="merged", days_ago=91, user=volunteer, shade=90)

    call_command("apply_retention")

    out = capsys.readouterr().out
    assert "1 photos of rejected reports deleted (after 30 days)" in out
    assert "1 approved or merged reports no longer linked to their sender (after 90 days)" in out
