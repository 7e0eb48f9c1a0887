"""cluster_cameras keeps the cameras table in spatial order on PostGIS (issue 7)."""

import pytest
from django.contrib.gis.geos import Point
from django.core.management import call_command
from django.db import connection

from cameramap.cameras.models import Camera
from tests.factories import CameraFactory


@pytest.fixture
def cameras(db):
    # Inserted west, east, west, east…: far apart in the order they were added.
    return [
        CameraFactory(location=Point(-74.0 + (n % 2) * 0.1 + n * 0.0001, 40.67, srid=4326))
        for n in range(12)
    ]


@pytest.fixture
def committed_checks(on_postgis, cameras):
    # The test's transaction holds deferred foreign-key checks for the new rows, which CLUSTER
    # refuses to run under; the command itself runs in a transaction of its own.
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def clustered_indexes() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexrelid::regclass::text FROM pg_index"
            " WHERE indrelid = 'cameras_camera'::regclass AND indisclustered"
        )
        return [name for (name,) in cursor.fetchall()]


def test_cluster_cameras_clusters_the_table_on_its_spatial_index(committed_checks, capsys):
    assert clustered_indexes() == []

    call_command("cluster_cameras")

    [index] = clustered_indexes()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'cameras_camera'"
            " AND indexname = %s",
            [index],
        )
        assert "USING gist (location)" in cursor.fetchone()[0]
    assert f"cameras clustered on {index}" in capsys.readouterr().out


def test_cluster_cameras_keeps_every_camera_as_it_was(committed_checks, cameras):
    before = {c.pk: (c.location.coords, c.status, c.updated_at) for c in Camera.objects.all()}

    call_command("cluster_cameras")

    after = {c.pk: (c.location.coords, c.status, c.updated_at) for c in Camera.objects.all()}
    assert after == before
    assert len(after) == len(cameras)


def test_cluster_cameras_does_nothing_on_spatialite_and_says_so(cameras, capsys):
    if connection.vendor != "sqlite":
        pytest.skip("SpatiaLite only")

    call_command("cluster_cameras")

    assert "Nothing to do" in capsys.readouterr().out
    assert Camera.objects.count() == len(cameras)
