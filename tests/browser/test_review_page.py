"""A moderator works through the queue with the keyboard in a real Chromium: approves one
sighting with a corrected type, merges one into the camera 20 m away, rejects one with a
reason; the public API and the volunteer's "my reports" page then show exactly that."""

import pytest
from playwright.sync_api import expect

from cameramap.cameras.services import camera_create
from tests.factories import AreaFactory
from tests.moderation.helpers import LAT, LON, NEAR_LAT, checkerboard, pending, point

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
PASSWORD = "correct horse battery staple"


@pytest.fixture
def desktop(browser, live_server):
    context = browser.new_context(viewport=DESKTOP, base_url=live_server.url)
    context.route(lambda url: not url.startswith(live_server.url), lambda route: route.abort())
    page = context.new_page()
    from tests.browser.conftest import ConsoleErrors

    page.console_errors = ConsoleErrors(page, live_server.url)
    yield page
    context.close()


def sign_in(page, username: str, next_url: str) -> None:
    page.goto(f"/accounts/login/?next={next_url}")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def ready(page) -> None:
    expect(page.locator("body[data-review-ready]")).to_have_count(1)
    expect(page.locator("#status")).to_have_text("")


def test_a_moderator_clears_three_sightings_with_the_keyboard(
    desktop, transactional_db, volunteer, moderator, api, artifacts
):
    AreaFactory()
    existing = camera_create(location=point(), confirmations=1)
    approve = pending(
        submitter=volunteer, lon=LON + 0.003, camera_type="dome", photo=checkerboard(size=320)
    )
    merge = pending(submitter=volunteer, lat=NEAR_LAT)
    reject = pending(submitter=volunteer, lon=LON - 0.003, lat=LAT + 0.002)
    page = desktop

    sign_in(page, "mona", "/review/")
    heading = page.locator(".review-current h2")
    expect(heading).to_contain_text(f"Sighting #{approve.pk} (1 of 3)")
    expect(page.locator(".shortcuts")).to_contain_text("approve as a new camera")
    page.screenshot(path=artifacts / "review-desktop.png", full_page=True)

    page.select_option("#field-camera_type", "fixed")
    heading.click()  # keys typed into a form field are the field's, not shortcuts
    ready(page)
    page.keyboard.press("a")
    expect(heading).to_contain_text(f"Sighting #{merge.pk} (1 of 2)")

    expect(page.locator(f'#merge input[value="{existing.pk}"]')).to_be_checked()
    expect(page.locator("#merge")).to_contain_text("20 m")
    ready(page)
    page.keyboard.press("m")
    expect(heading).to_contain_text(f"Sighting #{reject.pk} (1 of 1)")

    page.select_option("#reject-reason", "unclear")
    page.fill("#reject-note", "too dark")
    heading.click()
    ready(page)
    page.keyboard.press("r")
    expect(page.locator(".review-current")).to_contain_text("The queue is empty")
    assert page.console_errors == []

    cameras = api.get("/api/v1/cameras/").json()["features"]
    by_id = {feature["id"]: feature["properties"] for feature in cameras}
    assert len(by_id) == 2
    assert by_id[existing.pk]["confirmations"] == 2
    (new_id,) = set(by_id) - {existing.pk}
    assert by_id[new_id]["camera_type"] == "fixed"
    assert by_id[new_id]["confirmations"] == 1
    assert by_id[new_id]["photo"] is not None

    page.context.clear_cookies()
    sign_in(page, "vera", "/my-reports/")
    reports = page.locator(".my-reports")
    expect(reports.locator(f"#report-{approve.pk}")).to_contain_text("added to the map")
    expect(reports.locator(f"#report-{merge.pk}")).to_contain_text(
        "confirmed a camera already on the map"
    )
    expect(reports.locator(f"#report-{reject.pk}")).to_contain_text(
        "The photo or the place is too unclear to verify: too dark"
    )


def test_the_review_page_fits_a_tablet(desktop, transactional_db, moderator):
    AreaFactory()
    pending()
    desktop.set_viewport_size({"width": 820, "height": 1180})
    sign_in(desktop, "mona", "/review/")
    expect(desktop.locator("#approve-button")).to_be_visible()
    width = desktop.evaluate("document.documentElement.scrollWidth")
    assert width <= 820


def test_a_moderator_redacts_a_rectangle_drawn_on_the_photo(desktop, transactional_db, moderator):
    from cameramap.cameras.models import ModerationEvent, Photo

    AreaFactory()
    sighting = pending(photo=checkerboard(size=640))
    before = Photo.objects.get(sighting=sighting).sha256
    sign_in(desktop, "mona", "/review/")
    ready(desktop)
    frame = desktop.locator(".photo-frame img")
    box = frame.bounding_box()
    desktop.mouse.move(box["x"] + 20, box["y"] + 20)
    desktop.mouse.down()
    desktop.mouse.move(box["x"] + 120, box["y"] + 90, steps=5)
    desktop.mouse.up()
    expect(desktop.locator(".redact-box")).to_have_count(1)
    desktop.get_by_role("button", name="Redact the drawn rectangles").click()
    expect(desktop.locator(".redact-box")).to_have_count(0)  # the page reloaded
    event = ModerationEvent.objects.get(action="redact")
    left, top, right, bottom = event.after["boxes"][0]
    assert right - left > 100
    assert bottom - top > 50
    assert Photo.objects.get(sighting=sighting).sha256 != before
    assert desktop.console_errors == []


def test_a_moderator_removes_and_restores_a_camera_from_its_page(
    desktop, transactional_db, moderator
):
    from cameramap.areas.models import Area

    AreaFactory()
    camera = camera_create(location=point(), count=3)
    sign_in(desktop, "mona", f"/review/cameras/{camera.pk}/")
    desktop.get_by_role("button", name="Remove from the map").click()
    expect(desktop.locator("#camera-status")).to_have_text("removed")
    assert Area.objects.get().camera_count == 0
    desktop.get_by_role("button", name="Restore to the map").click()
    expect(desktop.locator("#camera-status")).to_have_text("active")
    assert Area.objects.get().camera_count == 3
    expect(desktop.locator(".events tbody tr")).to_have_count(2)
    assert desktop.console_errors == []
