"""Limits against abuse: throttles by hashed address, a honeypot, the service area, sign-in."""

import pytest
from django.core.cache import cache

from api.throttles import ip_key
from cameramap.cameras.models import Sighting
from cameramap.lib.service_area import parse_service_area
from tests.sightings import post

BROOKLYN_BOX = "-74.05,40.57,-73.83,40.74"


@pytest.fixture
def two_per_hour(settings):
    settings.CAMERAMAP_THROTTLE_ANON = "2/hour"
    settings.CAMERAMAP_THROTTLE_USER = "3/hour"


def test_too_many_reports_from_one_address_get_429_with_retry_after(db, api, two_per_hour):
    assert [post(api).status_code for _ in range(2)] == [201, 201]

    response = post(api)

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "throttled" in response.json()["detail"]
    assert Sighting.objects.count() == 2


def test_a_forged_forwarded_for_header_does_not_escape_the_throttle(db, api, two_per_hour):
    codes = [post(api, meta={"HTTP_X_FORWARDED_FOR": f"10.0.0.{n}"}).status_code for n in range(3)]

    assert codes == [201, 201, 429]


def test_behind_a_proxy_each_client_address_has_its_own_allowance(db, api, settings, two_per_hour):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}

    codes = [post(api, meta={"HTTP_X_FORWARDED_FOR": f"10.0.0.{n}"}).status_code for n in range(3)]

    assert codes == [201, 201, 201]


def test_signed_in_volunteers_have_their_own_allowance(db, api, volunteer, two_per_hour):
    api.force_login(volunteer)

    codes = [post(api).status_code for _ in range(4)]

    assert codes == [201, 201, 201, 429]


def test_no_ip_address_is_stored_in_the_throttle_cache(db, api, two_per_hour):
    post(api, meta={"REMOTE_ADDR": "203.0.113.77"})

    keys = list(cache._cache)  # the local-memory cache the tests run on
    assert keys
    assert not any("203.0.113.77" in key for key in keys)
    assert any(ip_key("203.0.113.77") in key for key in keys)


def test_the_address_hash_changes_with_the_day():
    assert ip_key("203.0.113.77", now=0) != ip_key("203.0.113.77", now=86400)
    assert ip_key("203.0.113.77", now=0) == ip_key("203.0.113.77", now=86399)


def test_the_honeypot_field_turns_a_report_away(db, api):
    response = post(api, website="http://spam.example")

    assert response.status_code == 400
    assert "automated" in response.json()["detail"]
    assert not Sighting.objects.exists()


def test_a_report_outside_the_service_area_is_refused_saying_so(db, api, settings):
    settings.CAMERAMAP_SERVICE_AREA = parse_service_area(BROOKLYN_BOX, base_dir=settings.BASE_DIR)

    response = post(api, latitude="48.8566", longitude="2.3522")

    assert response.status_code == 400
    assert "outside the area" in response.json()["errors"]["location"][0]
    assert not Sighting.objects.exists()


def test_a_report_inside_the_service_area_is_accepted(db, api, settings):
    settings.CAMERAMAP_SERVICE_AREA = parse_service_area(BROOKLYN_BOX, base_dir=settings.BASE_DIR)

    assert post(api).status_code == 201


def test_the_service_area_may_be_a_polygon_file(db, api, settings, brooklyn):
    area = parse_service_area(
        str(brooklyn / "neighbourhoods-nta2010.geojson"), base_dir=settings.BASE_DIR
    )
    settings.CAMERAMAP_SERVICE_AREA = area

    assert post(api).status_code == 201  # Brooklyn Heights
    assert post(api, latitude="40.7831", longitude="-73.9712").status_code == 400  # Manhattan


def test_anonymous_reports_are_refused_when_sign_in_is_required(db, api, settings):
    settings.CAMERAMAP_REQUIRE_SIGN_IN = True

    response = post(api)

    assert response.status_code == 403
    assert response.json()["detail"] == "Sign in to send reports."
    assert not Sighting.objects.exists()


def test_signed_in_reports_are_accepted_when_sign_in_is_required(db, api, settings, volunteer):
    settings.CAMERAMAP_REQUIRE_SIGN_IN = True
    api.force_login(volunteer)

    assert post(api).status_code == 201
