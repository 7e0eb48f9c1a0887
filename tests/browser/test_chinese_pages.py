"""In Simplified Chinese, the map and a neighbourhood page show no English left over."""

import re

import pytest
from django.conf import settings
from django.core.management import call_command

from cameramap.areas.models import Area
from cameramap.cameras.models import Camera
from tests.test_translations import CATALOGUE, english_fragments, read_po

pytestmark = pytest.mark.browser

# Names that stay as they are in every language: the product, the map library, the tile
# and data sources and the licence.
PROPER_NAMES = {"CameraMap", "Leaflet", "OpenStreetMap", "ODbL"}
VISIBLE_TEXT = """() => {
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT);
  for (let node = walker.currentNode; node; node = walker.nextNode()) {
    // Language names are written in their own language on purpose.
    if (node.closest("[lang]:not([lang^=zh])")) continue;
    for (const name of ["aria-label", "title", "alt", "placeholder"]) {
      if (node.getAttribute(name)) texts.push(node.getAttribute(name));
    }
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE && child.textContent.trim()) {
        if (!child.parentElement.closest("script, style")) texts.push(child.textContent.trim());
      }
    }
  }
  texts.push(document.title);
  return texts;
}"""


@pytest.fixture
def chinese(browser, live_server, transactional_db):
    """A phone whose browser asks for Simplified Chinese, tiles blocked."""
    from tests.browser.conftest import PHONE, ConsoleErrors

    call_command("seed_demo")
    context = browser.new_context(
        viewport=PHONE, base_url=live_server.url, is_mobile=True, locale="zh-CN"
    )
    context.route(lambda url: not url.startswith(live_server.url), lambda route: route.abort())
    page = context.new_page()
    page.console_errors = ConsoleErrors(page, live_server.url)
    yield page
    context.close()


def leftover_english(texts: list[str]) -> list[str]:
    """Texts holding an English message of the catalogue, or Latin words that are no name."""
    allowed = set(PROPER_NAMES)
    for name in Area.objects.values_list("name", flat=True):
        allowed.update(re.findall(r"[A-Za-z]+", name))  # data, not interface
    # The tile provider's attribution is its legal text, configured by the operator.
    allowed.update(
        re.findall(r"[A-Za-z]+", re.sub("<[^>]+>", "", settings.CAMERAMAP_TILE_ATTRIBUTION))
    )
    fragments = {
        fragment for entry in read_po(CATALOGUE) for fragment in english_fragments(entry["msgid"])
    }
    # Whole words only: "Camera" is a message, "CameraMap" a name.
    pattern = re.compile(
        "|".join(rf"(?<![A-Za-z]){re.escape(fragment)}(?![A-Za-z])" for fragment in fragments)
    )
    found = []
    for text in texts:
        if pattern.search(text) or set(re.findall(r"[A-Za-z]{2,}", text)) - allowed:
            found.append(text)
    return found


def test_the_chinese_map_shows_no_untranslated_english(chinese, artifacts):
    chinese.goto("/#map=12/40.685/-73.945")  # the demo areas, below the cameras' zoom
    chinese.wait_for_selector("#map[data-state='ready']")
    assert chinese.locator("html").get_attribute("lang") == "zh-hans"
    chinese.locator("#panel summary").click()
    texts = chinese.evaluate(VISIBLE_TEXT)
    chinese.locator("#panel summary").click()
    chinese.locator("path[data-slug='demo-north']").click()
    chinese.locator(".area-popup").wait_for()
    texts += chinese.evaluate(VISIBLE_TEXT)
    camera = Camera.objects.order_by("id").first().location
    chinese.goto(f"/#map=18/{camera.y}/{camera.x}")
    chinese.wait_for_selector("#map[data-camera-query*='zoom=18']")
    chinese.locator(".camera-icon").first.click()
    chinese.locator(".camera-popup a").wait_for()
    texts += chinese.evaluate(VISIBLE_TEXT)
    chinese.screenshot(path=artifacts / "map-zh-hans-phone.png")

    assert "摄像头" in " ".join(texts)
    assert leftover_english(texts) == []
    assert chinese.console_errors == []


def test_the_chinese_neighbourhood_page_shows_no_untranslated_english(chinese, artifacts):
    area = Area.objects.get(slug="demo-north-east")

    chinese.goto(f"/areas/{area.slug}/")
    chinese.wait_for_selector("#area-map[data-state='ready']")
    texts = chinese.evaluate(VISIBLE_TEXT)
    texts += chinese.locator("svg.bar-chart title, svg.bar-chart desc").all_text_contents()
    texts += [
        chinese.locator(f"meta[property='og:{name}']").get_attribute("content")
        for name in ("title", "description")
    ]
    chinese.screenshot(path=artifacts / "neighbourhood-zh-hans-phone.png", full_page=True)

    assert "每平方公里摄像头数" in texts
    assert leftover_english(texts) == []
    assert chinese.console_errors == []


def test_the_language_switch_changes_the_language_and_keeps_the_page(chinese):
    chinese.goto("/areas/")

    chinese.get_by_role("button", name="English").click()

    chinese.wait_for_url("**/areas/")
    assert chinese.locator("h1").inner_text() == "Neighbourhoods ranked by camera density"
    assert chinese.locator("html").get_attribute("lang") == "en"
