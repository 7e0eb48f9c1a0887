"""Costly public answers kept in the server's cache under the data version (issue 7)."""

import gzip
import json

import pytest
from django.contrib.gis.geos import Point
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import AreaFactory, CameraFactory, square

CLUSTERS = "/api/v1/cameras/clusters/?zoom=12&bbox=-74.1,40.6,-73.9,40.8"


@pytest.fixture
def city(db):
    AreaFactory(slug="here", geom=square(-74.00, 40.70))
    return CameraFactory(location=Point(-73.995, 40.705, srid=4326))


def test_a_repeated_clusters_request_is_answered_from_the_cache_with_one_query(client, city):
    first = client.get(CLUSTERS)

    with CaptureQueriesContext(connection) as queries:
        again = client.get(CLUSTERS)

    assert again.status_code == 200
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]
    assert again["Cache-Control"] == "public, no-cache"
    assert len(queries) == 1  # the data version


def test_a_write_is_seen_at_once_by_the_next_request(client, city):
    before = client.get(CLUSTERS).json()["features"]

    CameraFactory(location=Point(-73.95, 40.75, srid=4326))
    after = client.get(CLUSTERS).json()["features"]

    assert len(after) == len(before) + 1


def test_compressed_and_plain_answers_are_kept_apart(client, city):
    for number in range(5):  # enough to be worth compressing (200 bytes)
        CameraFactory(location=Point(-74.05 + number * 0.03, 40.65, srid=4326))
    plain = client.get(CLUSTERS)
    packed = client.get(CLUSTERS, HTTP_ACCEPT_ENCODING="gzip")
    plain_again = client.get(CLUSTERS)

    assert packed["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(packed.content)) == plain.json()
    assert "Content-Encoding" not in plain_again
    assert plain_again.content == plain.content


def test_nothing_is_kept_when_the_setting_is_zero(client, city, settings):
    settings.CAMERAMAP_RESPONSE_CACHE_SECONDS = 0
    client.get(CLUSTERS)

    with CaptureQueriesContext(connection) as queries:
        client.get(CLUSTERS)

    assert len(queries) > 1
