"""The database going away mid-service: an honest 503 with Retry-After, never a 500, and the
report lands once the database is back. PostGIS only: the app runs in its own process and
reaches the database through a gate the test shuts and opens."""

import http.cookiejar
import json
import urllib.error
import urllib.parse
import urllib.request
import uuid

import pytest
from django.db import connection

from cameramap.cameras.models import Sighting
from tests.factories import UserFactory
from tests.processes import PORT_BASE, AppServer, TcpGate, database_url


@pytest.fixture
def gate(on_postgis, transactional_db):
    config = connection.settings_dict
    gate = TcpGate((config["HOST"] or "127.0.0.1", int(config["PORT"] or 5432)))
    yield gate
    gate.close()


@pytest.fixture
def server(gate, tmp_path):
    server = AppServer(
        port=PORT_BASE,
        environment={
            "DATABASE_URL": database_url(port=gate.port),
            "MEDIA_ROOT": str(tmp_path / "media"),
            "PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),
        },
    )
    yield server
    server.stop()


def call(url: str, *, data: dict | None = None, browser=None):
    """(status, headers, body) without raising on an error status; `browser` (an opener
    with cookies) keeps the anonymous submitter's cookie from one call to the next."""
    body = None
    if data is not None:
        body = urllib.parse.urlencode(data).encode()
    request = urllib.request.Request(url, data=body)  # noqa: S310 - our own test server
    opener = browser or urllib.request.build_opener()
    try:
        with opener.open(request, timeout=60) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def report() -> dict:
    return {
        "client_id": str(uuid.uuid4()),
        "latitude": "40.6935",
        "longitude": "-73.9859",
        "location_source": "map",
    }


def test_a_report_while_the_database_is_away_gets_a_json_503_to_retry(gate, server):
    sent = report()
    gate.shut()

    status, headers, body = call(f"{server.url}/api/v1/sightings/", data=sent)

    assert status == 503
    assert headers["Content-Type"] == "application/json"
    assert int(headers["Retry-After"]) > 0
    assert "try again" in json.loads(body)["detail"]
    assert not Sighting.objects.exists()


def test_the_same_report_sent_again_once_the_database_is_back_is_stored_once(gate, server):
    sent = report()
    phone = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    call(f"{server.url}/submit/", browser=phone)
    gate.shut()
    call(f"{server.url}/api/v1/sightings/", data=sent, browser=phone)
    gate.open()

    first = call(f"{server.url}/api/v1/sightings/", data=sent, browser=phone)
    again = call(f"{server.url}/api/v1/sightings/", data=sent, browser=phone)

    assert (first[0], again[0]) == (201, 200)
    assert Sighting.objects.filter(client_id=sent["client_id"]).count() == 1


def test_a_page_while_the_database_is_away_is_a_503_not_a_500(gate, server):
    gate.shut()

    status, headers, body = call(f"{server.url}/areas/")

    assert status == 503
    assert headers["Retry-After"]
    assert b"Service unavailable" in body


def test_the_health_endpoint_reports_the_database_away_and_back(gate, server):
    gate.shut()
    assert call(f"{server.url}/healthz")[0] == 503

    gate.open()
    assert call(f"{server.url}/healthz")[0] == 200


def test_a_database_lost_inside_a_middleware_is_a_503_too(gate, tmp_path):
    # With one-time codes required, a middleware reads the signed-in user (the session and the
    # account, from the database) before any view runs.
    UserFactory(username="mona")
    server = AppServer(
        port=PORT_BASE + 4,
        environment={
            "DATABASE_URL": database_url(port=gate.port),
            "CAMERAMAP_REQUIRE_2FA": "1",
            "MEDIA_ROOT": str(tmp_path / "media"),
            "PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),
        },
    )
    try:
        jar = http.cookiejar.CookieJar()
        phone = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        call(f"{server.url}/accounts/login/", browser=phone)
        token = next(cookie.value for cookie in jar if cookie.name == "csrftoken")
        credentials = {
            "username": "mona",
            "password": "correct horse battery staple",
            "csrfmiddlewaretoken": token,
        }
        call(f"{server.url}/accounts/login/", data=credentials, browser=phone)
        assert any(cookie.name == "sessionid" for cookie in jar)
        gate.shut()

        page = call(f"{server.url}/review/export.osm", browser=phone)
        api = call(f"{server.url}/api/v1/review/sightings/", browser=phone)
    finally:
        server.stop()

    assert page[0] == 503
    assert api[0] == 503
    assert api[1]["Content-Type"] == "application/json"
