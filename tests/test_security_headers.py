"""Headers every answer carries, and the health endpoint."""

import pytest

PAGES = ["/", "/areas/", "/submit/", "/api/v1/areas/", "/api/v1/docs/", "/accounts/login/"]


@pytest.mark.parametrize("path", PAGES)
def test_every_answer_carries_a_content_security_policy_without_inline_scripts(client, db, path):
    response = client.get(path)

    policy = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    assert policy["script-src"] == "'self'"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"


@pytest.mark.parametrize("path", PAGES)
def test_no_answer_tells_another_site_where_the_visitor_came_from(client, db, path):
    assert client.get(path)["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize("path", PAGES)
def test_geolocation_and_camera_are_allowed_for_this_origin_only(client, db, path):
    policy = client.get(path)["Permissions-Policy"]

    assert "geolocation=(self)" in policy
    assert "camera=(self)" in policy
    assert "microphone=()" in policy


def test_the_map_tiles_origin_is_the_only_other_image_source(client, settings):
    policy = client.get("/")["Content-Security-Policy"]

    img = next(p for p in policy.split(";") if p.strip().startswith("img-src"))
    assert img.split()[1:] == ["'self'", "data:", "blob:", "https://tile.openstreetmap.org"]


def test_the_health_endpoint_answers_ok_when_the_database_does(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.content == b"ok\n"


def test_the_health_endpoint_needs_no_allowed_host_nor_https(client, db, settings):
    settings.ALLOWED_HOSTS = ["map.example.org"]
    settings.SECURE_SSL_REDIRECT = True

    response = client.get("/healthz", HTTP_HOST="127.0.0.1:8000")

    assert response.status_code == 200


def test_https_settings_redirect_plain_http_and_mark_cookies_secure(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True

    response = client.get("/areas/")

    assert response.status_code == 301
    assert response["Location"].startswith("https://")
