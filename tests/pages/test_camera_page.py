from datetime import date

import pytest
from django.contrib.gis.geos import Point

from cameramap.cameras.models import Photo
from cameramap.cameras.services import camera_create
from tests.factories import AreaFactory, CameraFactory, SightingFactory, square


@pytest.fixture
def camera(db):
    AreaFactory(name="Gowanus", slug="gowanus", geom=square(-74.00, 40.67))
    return camera_create(
        location=Point(-73.995, 40.675, srid=4326),
        camera_type="fixed",
        mount="pole",
        operator_type="business",
        operator="Acme <b>Security</b>",
        directions=[90, "180-270"],
        height_m=4.5,
        confirmations=3,
        first_reported=date(2026, 3, 1),
        last_confirmed=date(2026, 5, 2),
    )


def test_a_camera_page_shows_its_details_and_field_of_view(client, camera):
    response = client.get(f"/cameras/{camera.pk}/")

    assert response.status_code == 200
    html = response.content.decode()
    for text in ("Fixed (points one way)", "Pole", "Business", "March 1, 2026", "May 2, 2026"):
        assert text in html
    assert "Acme &lt;b&gt;Security&lt;/b&gt;" in html
    assert "90° (east); 180° to 270°, clockwise" in html
    assert "Mounted 4.5 m above the ground." in html
    assert '<a href="/areas/gowanus/">Gowanus</a>' in html
    assert "No published photo yet." in html


def test_a_camera_page_shows_only_published_photos(client, camera, volunteer):
    sighting = SightingFactory(submitter=volunteer, status="approved", camera=camera)
    for published, name in ((True, "shown"), (False, "unpublished9")):
        Photo.objects.create(
            sighting=sighting,
            camera=camera if published else None,
            image=f"photos/{name}.jpg",
            thumbnail=f"photos/{name}-thumb.jpg",
            sha256=(name * 8)[:64],
            width=640,
            height=480,
            size_bytes=1000,
            is_published=published,
        )

    html = client.get(f"/cameras/{camera.pk}/").content.decode()

    assert '<a href="/media/photos/shown.jpg"><img src="/media/photos/shown-thumb.jpg"' in html
    assert "unpublished9" not in html


def test_a_camera_page_never_shows_who_reported_it(client, camera, volunteer):
    SightingFactory(submitter=volunteer, status="approved", camera=camera, note="from my window")

    html = client.get(f"/cameras/{camera.pk}/").content.decode()

    assert "vera" not in html
    assert "from my window" not in html


def test_a_removed_or_unknown_camera_is_a_404(client, db):
    removed = CameraFactory(status="removed")

    assert client.get(f"/cameras/{removed.pk}/").status_code == 404
    assert client.get("/cameras/999999/").status_code == 404
