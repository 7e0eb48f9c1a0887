"""Photos of pending reports are private: served by a permission-checked view to their
submitter and moderators, and copied to the public store only when a moderator publishes them."""

import pytest
from django.urls import reverse

from cameramap.cameras import photo_store, services
from cameramap.cameras.models import Photo
from tests.factories import CameraFactory
from tests.sightings import post, stored_files


@pytest.fixture
def photo_report(db, api, photos):
    """An anonymous report with a photo; `api` holds the submitter's cookie."""
    with open(photos / "gps" / "DSCN0010.jpg", "rb") as file:
        response = post(api, photo=file)
    assert response.status_code == 201
    return Photo.objects.get()


def url(photo, variant="image"):
    return reverse("photo", kwargs={"pk": photo.pk, "variant": variant})


def test_the_submitter_sees_their_pending_photo(api, photo_report):
    response = api.get(url(photo_report))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "private, no-store"
    body = b"".join(response.streaming_content)
    assert body == photo_store.photo_path(photo_report.image, published=False).read_bytes()


def test_the_thumbnail_is_served_too(api, photo_report):
    response = api.get(url(photo_report, "thumbnail"))

    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"


@pytest.mark.parametrize("who", ["stranger", "other_volunteer"])
def test_nobody_else_sees_a_pending_photo(client, photo_report, who, request):
    if who != "stranger":
        client.force_login(request.getfixturevalue(who))

    assert client.get(url(photo_report)).status_code == 404


def test_a_moderator_sees_a_pending_photo(client, photo_report, moderator):
    client.force_login(moderator)

    assert client.get(url(photo_report)).status_code == 200


def test_an_unknown_variant_is_not_found(api, photo_report):
    assert api.get(f"/photos/{photo_report.pk}/original.jpg").status_code == 404


def test_the_private_store_is_not_under_the_public_one(settings):
    public = settings.MEDIA_ROOT.resolve()
    assert not settings.PRIVATE_MEDIA_ROOT.resolve().is_relative_to(public)


def test_publishing_copies_the_photo_to_the_public_store_after_commit(
    photo_report, django_capture_on_commit_callbacks
):
    camera = CameraFactory()
    names = sorted({photo_report.image, photo_report.thumbnail})

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.photo_publish(photo=photo_report, camera=camera)
        # Nothing public before the transaction commits.
        assert stored_files() == {"private": names, "public": []}
    for callback in callbacks:
        callback()

    assert stored_files() == {"private": [], "public": names}
    photo_report.refresh_from_db()
    assert photo_report.is_published
    assert photo_report.camera == camera


def test_a_published_photo_is_on_the_public_map_and_its_private_url_redirects(
    api, client, photo_report, django_capture_on_commit_callbacks
):
    camera = CameraFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.photo_publish(photo=photo_report, camera=camera)

    feature = client.get(f"/api/v1/cameras/{camera.pk}/").json()
    redirect = client.get(url(photo_report))

    assert feature["properties"]["photo"] == f"/media/{photo_report.image}"
    assert redirect.status_code == 302
    assert redirect["Location"] == f"/media/{photo_report.image}"


def test_unpublishing_takes_the_photo_back_into_the_private_store(
    photo_report, django_capture_on_commit_callbacks
):
    names = sorted({photo_report.image, photo_report.thumbnail})
    with django_capture_on_commit_callbacks(execute=True):
        services.photo_publish(photo=photo_report, camera=CameraFactory())
    with django_capture_on_commit_callbacks(execute=True):
        services.photo_unpublish(photo=photo_report)

    assert stored_files() == {"private": names, "public": []}
    assert not Photo.objects.get().is_published


def test_a_file_shared_by_two_reports_stays_while_one_still_needs_it(
    db, api, photos, django_capture_on_commit_callbacks
):
    for _ in range(2):
        with open(photos / "gps" / "DSCN0010.jpg", "rb") as file:
            post(api, photo=file)
    first, second = Photo.objects.all()
    assert first.image == second.image

    with django_capture_on_commit_callbacks(execute=True):
        services.photo_publish(photo=first, camera=CameraFactory())
    assert stored_files()["private"] == stored_files()["public"]  # the second still needs it

    with django_capture_on_commit_callbacks(execute=True):
        services.photo_delete(photo=second)
    assert stored_files()["private"] == []
    assert len(stored_files()["public"]) == 2
