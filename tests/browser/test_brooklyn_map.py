"""The issue's acceptance test: a phone, tiles blocked, Brooklyn's 51 neighbourhoods and the
Amnesty cameras."""

import re

import pytest
from django.contrib.gis.geos import Point
from django.core.management import call_command

from cameramap.areas.models import Area
from cameramap.cameras.services import camera_create

pytestmark = pytest.mark.browser


@pytest.fixture
def brooklyn_map(transactional_db, brooklyn):
    call_command(
        "import_areas",
        brooklyn / "neighbourhoods-nta2010.geojson",
        name_field="ntaname",
        code_field="ntacode",
    )
    call_command(
        "import_cameras",
        brooklyn / "amnesty-decode-intersections.geojson",
        count_field="n_cameras_median",
        source="amnesty-decode",
    )


def figures_of(api_client, **params):
    response = api_client.get("/api/v1/areas/", {"geometry": "false", **params})
    return {f["id"]: f["properties"] for f in response.json()["features"]}


def inside(area):
    """A point inside the area (its centroid may not be) as lat/lon."""
    point = area.geom.point_on_surface
    return point.y, point.x


def count_in(text):
    return int(re.search(r"([\d,]+) cameras?\b", text).group(1).replace(",", ""))


def test_the_map_draws_51_neighbourhoods_and_a_tap_shows_the_apis_count(
    brooklyn_map, phone, artifacts, api
):
    area = Area.objects.get(code="BK09")  # Brooklyn Heights-Cobble Hill
    lat, lon = inside(area)
    phone.goto("/")
    phone.wait_for_selector("#map[data-areas='51']")
    assert phone.locator("path.area-shape").count() == 51
    assert phone.locator("#legend").is_visible()
    assert phone.locator("#legend .legend-classes li").count() == 5
    phone.screenshot(path=artifacts / "brooklyn-map-phone.png")

    phone.goto(f"/#map=12/{lat}/{lon}")  # below the zoom where cameras cover the areas
    phone.wait_for_selector("#map[data-state='ready']")
    box = phone.locator("#map").bounding_box()
    phone.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)

    popup = phone.locator(".area-popup")
    popup.wait_for()
    assert area.name in popup.inner_text()
    assert count_in(popup.inner_text()) == figures_of(api)[area.slug]["camera_count"]
    assert phone.console_errors == []


def test_zooming_into_a_street_shows_camera_icons_and_fields_of_view(
    brooklyn_map, phone, artifacts
):
    fixed = camera_create(
        location=Point(-73.99345, 40.69475, srid=4326),
        camera_type="fixed",
        directions=[120],
        height_m=5,
        mount="wall",
    )
    phone.goto("/#map=18/40.69475/-73.99345")
    phone.wait_for_selector("#map[data-camera-query]")

    assert phone.locator(".camera-icon").count() >= 2
    assert phone.locator("path.fov-wedge").count() == 1
    assert phone.locator("path.fov-circle").count() >= 1
    phone.screenshot(path=artifacts / "brooklyn-street-phone.png")

    phone.locator(".camera-icon[title*='Fixed']").first.click()
    popup = phone.locator(".camera-popup")
    popup.wait_for()
    assert "Wall" in popup.inner_text()
    assert popup.get_by_role("link").get_attribute("href") == f"/cameras/{fixed.pk}/"
    assert phone.console_errors == []


def test_a_filter_changes_the_cameras_and_the_figures_and_the_permalink_restores_it(
    brooklyn_map, phone, api
):
    area = Area.objects.get(code="BK09")
    lat, lon = inside(area)
    for offset in (0.0, 0.0004, 0.0008):
        camera_create(location=Point(lon + offset, lat, srid=4326), surveillance_type="alpr")
    phone.goto(f"/#map=14/{lat:.5f}/{lon:.5f}")
    phone.wait_for_selector("#map[data-camera-query]")
    before = int(phone.locator("#map").get_attribute("data-clusters")) + int(
        phone.locator("#map").get_attribute("data-cameras")
    )

    phone.locator("#panel summary").click()
    phone.get_by_label("Kind of surveillance").select_option("alpr")
    phone.wait_for_selector("#map[data-figures='surveillance_type=alpr']")
    phone.wait_for_selector("#map[data-camera-query*='surveillance_type=alpr']")

    after = int(phone.locator("#map").get_attribute("data-clusters")) + int(
        phone.locator("#map").get_attribute("data-cameras")
    )
    assert 1 <= after < before
    assert figures_of(api, surveillance_type="alpr")[area.slug]["camera_count"] == 3
    assert "surveillance_type=alpr" in phone.url
    permalink = phone.url

    phone.goto("about:blank")
    phone.goto(permalink)
    phone.wait_for_selector("#map[data-camera-query*='surveillance_type=alpr']")
    assert phone.get_by_label("Kind of surveillance").input_value() == "alpr"
    assert phone.locator("#filter-badge").is_visible()
    assert phone.url == permalink
    # Every other area has no licence plate reader: two classes, "0" and this area's density.
    legend = phone.locator("#legend .legend-classes li").all_inner_texts()
    assert legend == ["0", f"{3 / area.area_km2:.1f}"]
    phone.locator("#panel summary").click()
    phone.get_by_label("Find a neighbourhood").fill(area.name)
    phone.get_by_role("button", name="Go").click()
    popup = phone.locator(".area-popup")
    popup.wait_for()
    assert count_in(popup.inner_text()) == 3
    assert phone.console_errors == []


def test_a_neighbourhood_page_and_a_camera_page_draw_on_a_phone(brooklyn_map, phone, artifacts):
    area = Area.objects.get(code="BK09")
    camera = area.cameras.order_by("-count").first()

    phone.goto(f"/areas/{area.slug}/")
    phone.wait_for_selector("#area-map[data-state='ready']")
    assert phone.locator("#area-map .camera-icon, #area-map .cluster-icon").count() >= 1
    phone.screenshot(path=artifacts / "brooklyn-neighbourhood-phone.png", full_page=True)

    phone.goto(f"/cameras/{camera.pk}/")
    phone.wait_for_selector("#camera-map[data-state='ready']")
    assert phone.locator("#camera-map path.fov").count() == 1
    phone.screenshot(path=artifacts / "brooklyn-camera-phone.png", full_page=True)
    assert phone.console_errors == []
