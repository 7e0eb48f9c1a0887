"""A photo whose report fails, wherever it fails, leaves no file behind; prune_orphans finds
(and with --delete removes) files that no photo refers to."""

import io
import os
import time
import uuid

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client

from cameramap.cameras import photo_store
from cameramap.cameras.models import Photo, Sighting
from cameramap.cameras.services import sighting_submit
from cameramap.lib import images
from tests.sightings import post, stored_files

REFUSE_PHOTOS = {
    "sqlite": [
        "CREATE TRIGGER refuse_photos BEFORE INSERT ON cameras_photo "
        "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
    ],
    "postgresql": [
        "CREATE FUNCTION refuse_photo() RETURNS trigger AS $$ BEGIN "
        "RAISE EXCEPTION 'refused by the test' USING ERRCODE = 'check_violation'; END $$ "
        "LANGUAGE plpgsql",
        "CREATE TRIGGER refuse_photos BEFORE INSERT ON cameras_photo "
        "FOR EACH ROW EXECUTE FUNCTION refuse_photo()",
    ],
}


@pytest.fixture
def photo_bytes(photos) -> bytes:
    return (photos / "gps" / "DSCN0010.jpg").read_bytes()


@pytest.fixture
def server_errors(db):
    """A client that gets a server error as a response, as a phone would."""
    return Client(raise_request_exception=False)


def upload(data: bytes):
    file = io.BytesIO(data)
    file.name = "camera.jpg"
    return file


def test_a_database_error_after_the_files_are_written_leaves_no_file(server_errors, photo_bytes):
    # A real failure inside the database, after the photo's files were written.
    with connection.cursor() as cursor:
        for statement in REFUSE_PHOTOS[connection.vendor]:
            cursor.execute(statement)

    response = post(server_errors, photo=upload(photo_bytes))

    assert response.status_code == 500
    assert "not saved" in response.json()["detail"]
    assert not Sighting.objects.exists()
    assert stored_files() == {"private": [], "public": []}


def test_a_failure_writing_the_second_file_removes_the_first(server_errors, photo_bytes):
    processed = images.process(photo_bytes)
    assert processed.sha256[:2] != processed.thumbnail_sha256[:2]
    # Where the thumbnail's folder should go there is a file: writing the thumbnail fails.
    blocker = photo_store.store_root(published=False) / "photos" / processed.thumbnail_sha256[:2]
    blocker.parent.mkdir(parents=True)
    blocker.write_bytes(b"in the way")

    response = post(server_errors, photo=upload(photo_bytes))

    assert response.status_code == 500
    assert not Sighting.objects.exists()
    assert stored_files()["private"] == [f"photos/{processed.thumbnail_sha256[:2]}"]


def test_a_failure_moving_files_into_place_removes_the_report_and_its_files(
    server_errors, photo_bytes
):
    processed = images.process(photo_bytes)
    # Where the image should land there is a folder: the last step, after the database has
    # committed, fails once the thumbnail is already in place.
    photo_store.photo_path(photo_store.photo_name(processed.sha256), published=False).mkdir(
        parents=True
    )

    response = post(server_errors, photo=upload(photo_bytes))

    assert response.status_code == 500
    assert not Sighting.objects.exists()
    assert not Photo.objects.exists()
    assert stored_files() == {"private": [], "public": []}


def test_a_failed_report_keeps_the_files_another_report_shares(server_errors, photo_bytes):
    first = post(server_errors, photo=upload(photo_bytes))
    before = stored_files()
    processed = images.process(photo_bytes)
    image = photo_store.photo_path(photo_store.photo_name(processed.sha256), published=False)
    # The same picture again, and its image cannot be replaced this time.
    image.unlink()
    image.mkdir()

    again = post(server_errors, photo=upload(photo_bytes))

    assert (first.status_code, again.status_code) == (201, 500)
    assert Sighting.objects.count() == 1
    thumbnail = photo_store.photo_name(processed.thumbnail_sha256)
    assert thumbnail in stored_files()["private"]
    assert set(stored_files()["private"]) < set(before["private"])


# --- prune_orphans ----------------------------------------------------------------------------


def age(path, hours: float) -> None:
    then = time.time() - hours * 3600
    os.utime(path, (then, then))


def write(published: bool, name: str, *, hours_old: float) -> str:
    path = photo_store.store_root(published=published) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x")
    age(path, hours_old)
    return name


@pytest.fixture
def stores(db, photo_bytes, volunteer):
    """A real report with its photo, an old orphan in each store, a stale temporary file and a
    fresh file a request might be writing."""
    sighting = sighting_submit(
        client_id=uuid.uuid4(),
        latitude=40.69,
        longitude=-73.98,
        location_source="map",
        submitter=volunteer,
        photo=photo_bytes,
    ).sighting
    photo = sighting.photos.get()
    for name in {photo.image, photo.thumbnail}:
        age(photo_store.photo_path(name, published=False), 48)
    return {
        "photo": photo,
        "private orphan": write(False, photo_store.photo_name("ab" * 32), hours_old=48),
        "public orphan": write(True, photo_store.photo_name("cd" * 32), hours_old=48),
        "stale temporary": write(False, f"photos/ef/.{'ef' * 32}.jpg.123.tmp", hours_old=48),
        "fresh": write(False, photo_store.photo_name("01" * 32), hours_old=0),
    }


def test_prune_orphans_lists_old_orphans_and_removes_nothing_by_default(stores, capsys):
    before = stored_files()

    call_command("prune_orphans")

    out = capsys.readouterr().out
    assert f"orphan private {stores['private orphan']}" in out
    assert f"orphan public {stores['public orphan']}" in out
    assert f"orphan private {stores['stale temporary']}" in out
    assert stores["fresh"] not in out
    assert "3 orphaned files found (dry run" in out
    assert stored_files() == before


def test_prune_orphans_with_delete_removes_only_the_old_orphans(stores, capsys):
    call_command("prune_orphans", "--delete")

    photo = stores["photo"]
    assert stored_files() == {
        "private": sorted({photo.image, photo.thumbnail, stores["fresh"]}),
        "public": [],
    }
    assert "3 orphaned files removed" in capsys.readouterr().out


def test_prune_orphans_reports_a_photo_whose_file_is_missing(stores, capsys):
    photo = stores["photo"]
    photo_store.photo_path(photo.image, published=False).unlink()

    call_command("prune_orphans", "--delete")

    assert f"missing private {photo.image}" in capsys.readouterr().err
    assert Photo.objects.filter(pk=photo.pk).exists()
