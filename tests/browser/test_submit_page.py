"""Reporting a camera on a phone, in a real Chromium: placing it, describing it, sending it,
and not losing it when the connection drops."""

import re

import pytest
from playwright.sync_api import expect

from cameramap.cameras.models import Photo, Sighting

pytestmark = pytest.mark.browser

# Where the emulated phone is: Grand Army Plaza, Brooklyn.
HERE = {"latitude": 40.6742, "longitude": -73.9700, "accuracy": 12}


@pytest.fixture
def reporter(phone, transactional_db):
    """The phone, at HERE, allowed to share its position."""
    phone.context.grant_permissions(["geolocation"])
    phone.context.set_geolocation(HERE)
    return phone


def open_form(page):
    page.goto("/submit/")
    expect(page.locator("#location-status")).to_contain_text("within about 12 m")


def test_a_volunteer_reports_a_camera_with_a_photo_type_and_direction(
    reporter, shared_data, artifacts
):
    open_form(reporter)

    reporter.locator("#photo").set_input_files(shared_data / "photos" / "gps" / "DSCN0010.jpg")
    expect(reporter.locator("#photo-preview")).to_be_visible()
    reporter.get_by_text("Dome", exact=True).click()
    reporter.get_by_role("button", name="E (90°)").click()
    expect(reporter.locator("#direction-list")).to_contain_text("90°")
    reporter.screenshot(path=artifacts / "submit-phone.png", full_page=True)
    reporter.get_by_role("button", name="Send the report").click()

    expect(reporter.locator("#result")).to_contain_text("waiting for a moderator")
    sighting = Sighting.objects.get()
    assert sighting.status == "pending"
    assert sighting.camera_type == "dome"
    assert sighting.directions == [90]
    assert sighting.location_source == "device"
    assert (sighting.location.y, sighting.location.x) == pytest.approx(
        (HERE["latitude"], HERE["longitude"]), abs=1e-6
    )
    assert Photo.objects.filter(sighting=sighting).count() == 1
    assert reporter.console_errors == []


def test_the_form_fits_a_360_pixel_wide_phone(reporter):
    reporter.set_viewport_size({"width": 360, "height": 740})
    open_form(reporter)

    width = reporter.evaluate("document.documentElement.scrollWidth")

    assert width <= 360
    send = reporter.get_by_role("button", name="Send the report").bounding_box()
    assert send["height"] >= 44


@pytest.mark.parametrize(
    ("path", "latitude", "longitude"),
    [
        ("gps/DSCN0010.jpg", 43.467448, 11.885127),
        ("mobile/HMD_Nokia_8.3_5G.jpg", 60.146706, 24.906772),
        ("mobile/IMG_5195.HEIC", 39.051344, -94.288772),
    ],
)
def test_the_page_offers_the_photos_own_location(reporter, shared_data, path, latitude, longitude):
    open_form(reporter)

    reporter.locator("#photo").set_input_files(shared_data / "photos" / path)
    offer = reporter.locator("#use-photo")
    expect(offer).to_be_visible()
    offer.click()

    assert float(reporter.locator("#latitude").input_value()) == pytest.approx(latitude, abs=1e-5)
    assert float(reporter.locator("#longitude").input_value()) == pytest.approx(
        longitude, abs=1e-5
    )
    assert reporter.locator("#location_source").input_value() == "photo"


def test_a_photo_without_a_location_offers_none(reporter, shared_data):
    open_form(reporter)

    reporter.locator("#photo").set_input_files(shared_data / "photos" / "mobile" / "jolla.jpg")

    expect(reporter.locator("#photo-preview")).to_be_visible()
    expect(reporter.locator("#use-photo")).to_be_hidden()


def test_tapping_the_map_moves_the_pin_and_records_it_as_placed_on_the_map(reporter):
    open_form(reporter)

    map_box = reporter.locator("#location-map").bounding_box()
    # Up and to the left of the pin, clear of the zoom buttons.
    reporter.locator("#location-map").click(
        position={"x": map_box["width"] * 0.3, "y": map_box["height"] * 0.2}
    )

    assert reporter.locator("#location_source").input_value() == "map"
    assert float(reporter.locator("#latitude").input_value()) > HERE["latitude"]
    assert float(reporter.locator("#longitude").input_value()) < HERE["longitude"]


def test_a_direction_can_be_given_by_tapping_where_the_camera_points(reporter):
    open_form(reporter)
    map_ = reporter.locator("#location-map")

    reporter.get_by_role("button", name="Tap the map where it points").click()
    box = map_.bounding_box()
    map_.click(position={"x": box["width"] / 2, "y": 12})  # straight north of the pin

    expect(reporter.locator("#direction-list li")).to_have_count(1)
    text = reporter.locator("#direction-list").inner_text()
    bearing = int(re.search(r"(\d+)°", text).group(1))
    assert bearing in (0, 1, 359)
    assert reporter.locator("#location_source").input_value() == "device"


def test_a_report_sent_offline_waits_and_arrives_exactly_once(reporter):
    open_form(reporter)
    reporter.get_by_text("Fixed (points one way)", exact=True).click()

    reporter.context.set_offline(True)
    reporter.get_by_role("button", name="Send the report").click()

    status = reporter.locator("#queue-status")
    expect(status).to_have_text(re.compile(r"^1 report waiting"))
    assert not Sighting.objects.exists()

    reporter.context.set_offline(False)

    expect(status).to_have_attribute("data-waiting", "0", timeout=40_000)
    expect(reporter.locator("#result")).to_contain_text("sent")
    assert Sighting.objects.count() == 1
    assert Sighting.objects.get().camera_type == "fixed"


def test_a_waiting_report_survives_closing_the_page(reporter, live_server):
    open_form(reporter)
    reporter.context.set_offline(True)
    reporter.get_by_role("button", name="Send the report").click()
    expect(reporter.locator("#queue-status")).to_have_attribute("data-waiting", "1")

    reporter.context.set_offline(False)
    later = reporter.context.new_page()
    reporter.close()
    later.goto(f"{live_server.url}/submit/")

    expect(later.locator("#queue-status")).to_have_attribute("data-waiting", "0")
    assert Sighting.objects.count() == 1


def test_a_refused_report_says_why_and_keeps_what_was_typed(reporter, settings):
    settings.CAMERAMAP_SERVICE_AREA = None
    open_form(reporter)
    reporter.locator("#note").fill("x")
    reporter.evaluate("document.getElementById('count').value = '0'")

    reporter.get_by_role("button", name="Send the report").click()

    expect(reporter.locator("#form-error")).to_contain_text("count")
    assert reporter.locator("#note").input_value() == "x"
    assert reporter.locator("#queue-status").get_attribute("data-waiting") == "0"
    assert not Sighting.objects.exists()


def test_my_reports_shows_what_this_phone_sent(reporter):
    open_form(reporter)
    reporter.get_by_text("Dome", exact=True).click()
    reporter.get_by_role("button", name="Send the report").click()
    expect(reporter.locator("#result")).to_be_visible()

    reporter.get_by_role("link", name="Follow it in My reports").click()

    expect(reporter.locator(".report-card")).to_have_count(1)
    expect(reporter.locator(".report-card")).to_contain_text("Waiting for a moderator")
    expect(reporter.locator(".report-card")).to_contain_text("Dome")
