import io

import numpy as np
import pytest
from PIL import Image

from cameramap.cameras import photo_store
from cameramap.cameras.models import ModerationEvent, Photo
from cameramap.cameras.moderation import photo_redact, sighting_approve
from cameramap.lib.images import Box
from tests.factories import AreaFactory
from tests.moderation.helpers import checkerboard, pending

BOX = Box(left=100, top=120, right=300, bottom=260)


def pixels(photo: Photo, variant: str = "image") -> np.ndarray:
    name = photo.image if variant == "image" else photo.thumbnail
    data = photo_store.photo_path(name, published=photo.is_published).read_bytes()
    return np.asarray(Image.open(io.BytesIO(data)).convert("L"), dtype=float)


@pytest.fixture
def approved_photo(db, moderator, django_capture_on_commit_callbacks) -> Photo:
    AreaFactory()
    sighting = pending(photo=checkerboard(size=640, cell=8))
    with django_capture_on_commit_callbacks(execute=True):
        sighting_approve(sighting_id=sighting.pk, actor=moderator)
    return Photo.objects.get()


def test_redacted_pixels_differ_and_no_longer_hold_the_pattern(approved_photo, moderator):
    original = pixels(approved_photo)
    inside = np.s_[BOX.top : BOX.bottom, BOX.left : BOX.right]
    assert original[inside].std() > 60  # the high-contrast pattern is there to begin with
    photo = photo_redact(photo_id=approved_photo.pk, actor=moderator, boxes=[BOX])
    redacted = pixels(photo)
    assert np.abs(redacted[inside] - original[inside]).mean() > 60
    # No trace of the black and white cells: one flat tone (JPEG noise aside).
    assert redacted[inside].std() < 3
    outside = np.s_[400:600, 400:600]
    assert np.abs(redacted[outside] - original[outside]).mean() < 10


def test_redaction_regenerates_the_thumbnail(approved_photo, moderator):
    before = pixels(approved_photo, "thumbnail")
    photo = photo_redact(photo_id=approved_photo.pk, actor=moderator, boxes=[BOX])
    after = pixels(photo, "thumbnail")
    scale = after.shape[1] / photo.width
    inside = np.s_[
        int(BOX.top * scale) + 2 : int(BOX.bottom * scale) - 2,
        int(BOX.left * scale) + 2 : int(BOX.right * scale) - 2,
    ]
    assert after[inside].std() < 3
    assert not np.array_equal(before, after)


def test_the_unredacted_files_are_gone_and_the_event_is_logged(approved_photo, moderator):
    old = [approved_photo.image, approved_photo.thumbnail]
    photo = photo_redact(
        photo_id=approved_photo.pk, actor=moderator, boxes=[BOX], reason="number plate"
    )
    files = photo_store.files_in(published=True)
    assert sorted(files) == sorted([photo.image, photo.thumbnail])
    assert not set(old) & set(files)
    event = ModerationEvent.objects.get(action="redact")
    assert (event.reason, event.after["boxes"]) == ("number plate", [[100, 120, 300, 260]])


def test_a_rectangle_outside_the_photo_is_refused(approved_photo, moderator):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        photo_redact(photo_id=approved_photo.pk, actor=moderator, boxes=[Box(0, 0, 9999, 10)])
