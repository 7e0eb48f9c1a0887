"""Every reference photo posted as a report: accepted cleanly, or refused with a JSON 4xx and
nothing left behind."""

import hashlib

import numpy as np
import pytest

from cameramap.cameras import photo_store
from cameramap.cameras.models import Photo, Sighting
from cameramap.lib import images
from tests.conftest import SHARED_DATA
from tests.photo_checks import assert_bare_jpeg, pixels
from tests.sightings import post, stored_files

ALL_FILES = sorted(
    str(path.relative_to(SHARED_DATA / "photos"))
    for path in (SHARED_DATA / "photos").rglob("*")
    if path.is_file()
)
REFUSED = {
    "gps/README": 415,
    "invalid/README": 415,
    "orientation/README": 415,
    "mobile/corrupted.jpg": 400,
}


@pytest.mark.parametrize("name", ALL_FILES or ["(shared data missing)"])
def test_every_reference_photo_is_accepted_cleanly_or_refused_with_json(db, api, photos, name):
    with open(photos / name, "rb") as file:
        response = post(api, photo=file)

    if name in REFUSED:
        assert response.status_code == REFUSED[name], response.content
        assert response["Content-Type"] == "application/json"
        assert response.json()["errors"]["photo"]
        assert not Sighting.objects.exists()
        assert stored_files() == {"private": [], "public": []}
        return
    assert response.status_code == 201, response.content
    photo = Photo.objects.get(sighting_id=response.json()["id"])
    # Exactly the image and its thumbnail, in the private store only, named by content hash.
    assert stored_files() == {
        "private": sorted({photo.image, photo.thumbnail}),
        "public": [],
    }
    for stored in (photo.image, photo.thumbnail):
        data = photo_store.photo_path(stored, published=False).read_bytes()
        assert stored == photo_store.photo_name(hashlib.sha256(data).hexdigest())
        assert_bare_jpeg(data)
    assert max(photo.width, photo.height) <= 2048
    if name.startswith("orientation/"):
        assert_upright(photos, name, photo_store.photo_path(photo.image, published=False))


def assert_upright(photos, name, stored):
    """The stored image shows the scene as the Orientation 1 file does (see tests/lib)."""
    shape = name.split("/")[1].split("_")[0]
    upright = images.process((photos / "orientation" / f"{shape}_1.jpg").read_bytes())
    small = (upright.width // 10, upright.height // 10)
    difference = np.abs(pixels(stored.read_bytes(), small) - pixels(upright.image, small)).mean()
    assert difference < 8, f"{name} is not upright ({difference:.1f})"


def test_the_whole_reference_set_was_posted(photos):
    assert len(ALL_FILES) >= 55
