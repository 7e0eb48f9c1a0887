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
