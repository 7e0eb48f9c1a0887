"""In a real Chromium: text that users typed is shown as text wherever it appears, and no page
breaks its own Content-Security-Policy."""

import io
import uuid
from dataclasses import dataclass

import pytest
from django.contrib.gis.geos import Point
from PIL import Image

from cameramap.cameras.moderation import sighting_reject
from cameramap.cameras.services import camera_create, sighting_submit
from tests.browser.conftest import PHONE, ConsoleErrors
from tests.factories import AreaFactory, UserFactory

pytestmark = pytest.mark.browser

# Each part would run script if it reached the page as markup instead of text.
PAYLOAD = (
    "<img src=x onerror=\"window.__xss='img';alert(1)\">"
    "<script>window.__xss='script'</script>"
    "\"'><svg onload=\"window.__xss='svg'\">"
    "javascript:alert(4)//</textarea></title>"
)
# Records a violation of the page's Content-Security-Policy before any of the page's scripts.
WATCH_CSP = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__csp.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""
PASSWORD = "correct horse battery staple"


@pytest.fixture
def hostile(transactional_db, volunteer, moderator):
    """A neighbourhood, a camera, a pending report and a rejected one whose free text is all
    the payload."""
    area = AreaFactory(name=PAYLOAD, slug="hostile")
    camera = camera_create(
        location=Point(-73.985, 40.695, srid=4326), operator=PAYLOAD, camera_type="dome"
    )
    sighting_submit(
        client_id=uuid.uuid4(),
        latitude=40.695,
        longitude=-73.985,
        location_source="map",
        submitter=volunteer,
        note=PAYLOAD,
        operator=PAYLOAD,
    )
    rejected = sighting_submit(
        client_id=uuid.uuid4(),
        latitude=40.6952,
        longitude=-73.9852,
        location_source="map",
        submitter=volunteer,
    ).sighting
    sighting_reject(sighting_id=rejected.pk, actor=moderator, reason=PAYLOAD)
    return {"area": area.slug, "camera": camera.pk, "rejected": rejected.pk}


def sign_in(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("form[action='/accounts/login/'] [type=submit]")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


@dataclass
class Place:
    """Where a payload shows: a page, what to do there, and the element holding the text."""

    name: str
    path: str  # formatted with the hostile fixture's values
    selector: str
    reveal: str | None = None  # something to click first (a map shape or marker)
    user: str | None = None  # the volunteer who must be signed in to see it


PLACES = [
    Place("area name, ranking", "/areas/", "main"),
    Place("area name, area page", "/areas/{area}/", "h1"),
    Place(
        "area name, map popup",
        "/#map=15/40.695/-73.985",
        ".area-popup",
        reveal="path[data-slug='{area}']",
    ),
    Place("camera operator, camera page", "/cameras/{camera}/", "main"),
    Place(
        "camera operator, map popup",
        "/#map=18/40.695/-73.985",
        ".camera-popup dl",
        reveal=".camera-icon",
    ),
    Place("sighting note, my reports", "/my-reports/", ".note", user="vera"),
    Place("rejection reason, my reports", "/my-reports/", ".review-reason", user="vera"),
    Place("sighting note, review queue", "/review/", ".note", user="mona"),
    Place(
        "rejection reason, sighting history", "/review/sightings/{rejected}/", "main", user="mona"
    ),
    Place("camera operator, camera history", "/review/cameras/{camera}/", "main", user="mona"),
]


@pytest.fixture
def unguarded(browser, live_server):
    """A phone page that ignores the Content-Security-Policy, so that only the escaping of
    the pages stands between the payload and a running script."""
    context = browser.new_context(
        viewport=PHONE, base_url=live_server.url, is_mobile=True, bypass_csp=True
    )
    context.route(lambda url: not url.startswith(live_server.url), lambda route: route.abort())
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    yield page
    context.close()


@pytest.mark.parametrize("place", PLACES, ids=lambda place: place.name)
def test_a_payload_in_free_text_is_shown_as_text_and_runs_nothing(hostile, unguarded, place):
    if place.user:
        sign_in(unguarded, place.user)
    unguarded.goto(place.path.format(**hostile))
    if place.reveal:
        # Near a corner of the shape or marker: the middle of an area may hold a camera.
        target = unguarded.locator(place.reveal.format(**hostile)).first
        target.click(position={"x": 6, "y": 6})
    holder = unguarded.locator(place.selector).first
    holder.wait_for()

    assert PAYLOAD in holder.text_content()
    assert unguarded.evaluate("typeof window.__xss") == "undefined"
    assert unguarded.dialogs == []
    assert unguarded.locator("img[src='x'], svg[onload]").count() == 0


# Every page a visitor, a volunteer or a moderator opens: none may violate its own policy.
CSP_PAGES = [
    "/",
    "/#map=18/40.695/-73.985",
    "/areas/",
    "/areas/{area}/",
    "/cameras/{camera}/",
    "/data/",
    "/submit/",
    "/my-reports/",
    "/review/",
    "/review/sightings/{rejected}/",
    "/review/cameras/{camera}/",
    "/accounts/login/",
    "/accounts/two-factor/",
    "/api/v1/docs/",
    "/admin/",
    "/admin/cameras/camera/{camera}/change/",
    "/admin/cameras/sighting/",
    "/admin/otp_totp/totpdevice/add/",
]


@pytest.fixture
def guarded(browser, live_server):
    context = browser.new_context(viewport=PHONE, base_url=live_server.url, is_mobile=True)
    context.route(lambda url: not url.startswith(live_server.url), lambda route: route.abort())
    context.add_init_script(WATCH_CSP)
    page = context.new_page()
    page.console_errors = ConsoleErrors(page, live_server.url)
    yield page
    context.close()


def jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (320, 240), (90, 120, 150)).save(buffer, "JPEG")
    return buffer.getvalue()


def test_no_page_violates_its_content_security_policy(hostile, guarded):
    # An administrator sees every page a moderator does, and the admin's too.
    UserFactory(username="ada", is_staff=True, is_superuser=True)
    sign_in(guarded, "ada")
    violations = {}
    for path in CSP_PAGES:
        guarded.goto(path.format(**hostile))
        guarded.wait_for_load_state("networkidle")
        if path == "/submit/":
            # The photo preview is a blob: URL.
            guarded.set_input_files(
                "#photo", files=[{"name": "c.jpg", "mimeType": "image/jpeg", "buffer": jpeg()}]
            )
            guarded.locator("#photo-preview:not([hidden]) img").wait_for()
        if seen := guarded.evaluate("window.__csp"):
            violations[path] = seen

    assert violations == {}
    assert guarded.console_errors == []
