"""Ten copies of one report arriving at once (a phone's retries racing each other) make one
sighting: the database's unique constraint decides, and the losers return the winner."""

import threading

import pytest
from django.db import connection, connections
from rest_framework.test import APIClient

from cameramap.cameras import submitters
from cameramap.cameras.models import Photo, Sighting
from tests.sightings import URL, report, stored_files

pytestmark = pytest.mark.postgis


def test_ten_concurrent_posts_of_one_client_id_make_one_sighting(transactional_db, photos):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostGIS (set DATABASE_URL=postgis://…)")
    token = APIClient().get("/submit/").cookies[submitters.COOKIE_NAME].value
    payload = report()
    data = (photos / "gps" / "DSCN0010.jpg").read_bytes()
    start = threading.Barrier(10)
    responses = []

    def send():
        from django.core.files.uploadedfile import SimpleUploadedFile

        client = APIClient()
        client.cookies[submitters.COOKIE_NAME] = token
        photo = SimpleUploadedFile("photo.jpg", data, content_type="image/jpeg")
        try:
            start.wait()
            responses.append(client.post(URL, {**payload, "photo": photo}, format="multipart"))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    statuses = sorted(response.status_code for response in responses)
    assert statuses == [200] * 9 + [201], [r.content for r in responses if r.status_code >= 300]
    assert len({response.json()["id"] for response in responses}) == 1
    assert Sighting.objects.count() == 1
    assert Photo.objects.count() == 1
    photo = Photo.objects.get()
    # The losers' staged files are gone: exactly the winner's image and thumbnail remain.
    assert stored_files() == {"private": sorted({photo.image, photo.thumbnail}), "public": []}
