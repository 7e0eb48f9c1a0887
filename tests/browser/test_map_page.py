import re

import pytest
from django.core.management import call_command

from cameramap.areas.models import Area

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(transactional_db):
    call_command("seed_demo")


def test_the_map_draws_every_demo_area_on_a_phone_without_tiles(demo, phone, artifacts):
    phone.goto("/")

    phone.wait_for_selector("#map[data-areas='6']")
    assert phone.locator("path.area-shape").count() == 6
    assert phone.locator("#legend .legend-classes li").count() >= 2
    assert "ODbL-1.0" in phone.locator(".leaflet-control-attribution").inner_text()
    phone.screenshot(path=artifacts / "map-demo-phone.png")
    assert phone.console_errors == []


def test_tapping_an_area_shows_its_name_and_count(demo, phone):
    area = Area.objects.get(slug="demo-north-east")
    phone.goto("/")
    phone.wait_for_selector("#map[data-state='ready']")

    phone.locator("path[data-slug='demo-north-east']").click()

    popup = phone.locator(".area-popup")
    popup.wait_for()
    assert "Demo North-East" in popup.inner_text()
    assert re.search(rf"\b{area.camera_count} cameras\b", popup.inner_text())


def test_the_density_switch_colours_by_residents_where_populations_are_known(demo, phone):
    phone.goto("/")
    phone.wait_for_selector("#map[data-areas='6']")
    phone.locator("#panel summary").click()

    phone.get_by_label("per 1,000 residents").check()

    assert phone.locator("#legend-title").inner_text() == "Cameras per 1,000 residents"
    assert "measure=residents" in phone.url
    assert phone.console_errors == []


UNNAMED_CONTROLS = """() => [...document.querySelectorAll(
    "a[href], button, input, select, summary, [tabindex]")]
  .filter((element) => element.getClientRects().length)
  .filter((element) => !(element.labels?.length || element.getAttribute("aria-label")
    || element.getAttribute("title") || element.textContent.trim()))
  .map((element) => element.outerHTML.slice(0, 100))"""


def test_every_control_has_a_name_and_the_map_works_from_the_keyboard(demo, phone):
    phone.goto("/#map=14/40.69/-73.94")
    phone.wait_for_selector("#map[data-camera-query]")

    phone.locator("#panel summary").focus()
    phone.keyboard.press("Enter")
    assert phone.locator("#filters").is_visible()
    assert phone.evaluate(UNNAMED_CONTROLS) == []
    phone.keyboard.press("Enter")  # the panel closes again
    cluster = phone.locator(".cluster-icon").first
    assert cluster.get_attribute("tabindex") == "0"
    cluster.focus()
    phone.keyboard.press("Enter")

    phone.wait_for_url(re.compile(r"#map=16/"))
    assert phone.console_errors == []


def test_cameras_too_close_to_tell_apart_are_listed_at_the_deepest_zoom(demo, phone):
    from django.contrib.gis.geos import Point

    from cameramap.cameras.services import camera_create

    first = camera_create(location=Point(-73.9500, 40.6700, srid=4326), camera_type="dome")
    second = camera_create(location=Point(-73.95001, 40.67001, srid=4326), mount="wall")
    phone.goto("/#map=19/40.67/-73.95")
    phone.wait_for_selector("#map[data-camera-query]")

    phone.locator(".cluster-icon").click()

    links = phone.locator(".camera-list a")
    links.first.wait_for()
    assert sorted(links.evaluate_all("(all) => all.map((a) => a.getAttribute('href'))")) == sorted(
        [f"/cameras/{first.pk}/", f"/cameras/{second.pk}/"]
    )
    assert phone.console_errors == []
