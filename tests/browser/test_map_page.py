import pytest
from django.core.management import call_command

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
    phone.goto("/")
    phone.wait_for_selector("#map[data-areas='6']")

    phone.locator("path.area-shape").first.click()

    tooltip = phone.locator(".leaflet-tooltip")
    tooltip.wait_for()
    assert "Demo" in tooltip.inner_text()
    assert "cameras" in tooltip.inner_text()
