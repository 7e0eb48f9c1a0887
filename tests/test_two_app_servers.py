"""Two app processes on different ports sharing one PostGIS database and one Redis cache:
a change made on one side is served by the other at once. PostGIS only (SpatiaLite is one
process's file)."""

import http.cookiejar
import json
import os
import re
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
import uuid

import pytest
import redis

from cameramap.cameras.services import sighting_submit
from tests.factories import AreaFactory
from tests.processes import PORT_BASE, ROOT, AppServer, database_url

REDIS_URL = "redis://127.0.0.1:6379/8"


@pytest.fixture
def shared_cache(on_postgis, transactional_db):
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.ConnectionError:
        pytest.fail(f"this test shares a Redis cache between processes; none at {REDIS_URL}")
    client.flushdb()
    yield client
    client.flushdb()


@pytest.fixture
def servers(shared_cache, tmp_path):
    environment = {
        "DATABASE_URL": database_url(),
        "REDIS_URL": REDIS_URL,
        "MEDIA_ROOT": str(tmp_path / "media"),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),
    }
    started = []
    try:
        for offset in (2, 3):
            started.append(AppServer(port=PORT_BASE + offset, environment=environment))
        yield started
    finally:
        for server in started:
            server.stop()


def get(url: str, **headers):
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - our own servers
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def camera_count(server, slug: str) -> int:
    status, _, body = get(f"{server.url}/api/v1/areas/")
    assert status == 200
    features = json.loads(body)["features"]
    return next(f["properties"]["camera_count"] for f in features if f["id"] == slug)


def import_cameras(tmp_path, count: int) -> None:
    """What an operator runs beside one of the servers: a separate process on the database."""
    path = tmp_path / "cameras.geojson"
    features = [
        {
            "type": "Feature",
            "id": f"c{n}",
            "geometry": {"type": "Point", "coordinates": [-73.985 + n * 0.0005, 40.695]},
            "properties": {"camera_type": "dome"},
        }
        for n in range(count)
    ]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    subprocess.run(
        [sys.executable, "manage.py", "import_cameras", str(path), "--source", "shared"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": database_url(), "SECRET_KEY": "x" * 50},
        check=True,
        capture_output=True,
        timeout=120,
    )


def test_a_change_is_served_by_both_servers_at_once(servers, shared_cache, tmp_path):
    area = AreaFactory(slug="shared")
    one, other = servers
    assert (camera_count(one, area.slug), camera_count(other, area.slug)) == (0, 0)
    # The rendered figures are in the shared cache now.
    assert list(shared_cache.scan_iter("*api-areas*"))
    _, headers, _ = get(f"{other.url}/api/v1/areas/")
    old_etag = headers["ETag"]

    import_cameras(tmp_path, 3)

    assert camera_count(other, area.slug) == 3
    assert camera_count(one, area.slug) == 3
    status, _, _ = get(f"{other.url}/api/v1/areas/", **{"If-None-Match": old_etag})
    assert status == 200  # not a 304: the old copy is stale everywhere


def test_a_client_holding_the_current_copy_gets_a_304_from_either_server(servers):
    AreaFactory(slug="shared")
    one, other = servers
    _, headers, _ = get(f"{one.url}/api/v1/areas/")

    status, _, body = get(f"{other.url}/api/v1/areas/", **{"If-None-Match": headers["ETag"]})

    assert status == 304
    assert body == b""


class SignedIn:
    """A moderator's browser session on one server, signed in through the form."""

    def __init__(self, server, username: str):
        self.server = server
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))
        form = self.opener.open(f"{server.url}/accounts/login/", timeout=60).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)[1]
        fields = {
            "username": username,
            "password": "correct horse battery staple",
            "csrfmiddlewaretoken": token,
        }
        self.opener.open(
            f"{server.url}/accounts/login/", urllib.parse.urlencode(fields).encode(), timeout=60
        )
        assert any(cookie.name == "sessionid" for cookie in self.cookies)

    def post_json(self, path: str, body: dict) -> int:
        csrf = next(cookie.value for cookie in self.cookies if cookie.name == "csrftoken")
        request = urllib.request.Request(  # noqa: S310 - our own servers
            f"{self.server.url}{path}",
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json", "X-CSRFToken": csrf},
        )
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code


def test_a_moderators_approval_on_one_server_is_served_by_the_other_at_once(
    servers, moderator, volunteer
):
    area = AreaFactory(slug="shared")
    one, other = servers
    sighting = sighting_submit(
        client_id=uuid.uuid4(),
        latitude=40.695,
        longitude=-73.985,
        location_source="map",
        submitter=volunteer,
    ).sighting
    assert camera_count(other, area.slug) == 0  # and now kept in the shared cache

    status = SignedIn(one, moderator.username).post_json(
        f"/api/v1/review/sightings/{sighting.pk}/approve", {}
    )

    assert status == 201
    assert camera_count(other, area.slug) == 1
    status, _, body = get(f"{other.url}/api/v1/cameras/?bbox=-73.99,40.69,-73.98,40.70")
    assert [f["properties"]["area"] for f in json.loads(body)["features"]] == ["shared"]
