"""A report sent from the submit page while the database is away is kept by the page, sent
again when the database is back, and stored exactly once. PostGIS only (see
tests/test_database_outage.py): the app runs in its own process behind a gate the test shuts."""

import re

import pytest
from django.db import connection
from playwright.sync_api import expect

from cameramap.cameras.models import Sighting
from tests.browser.conftest import PHONE, ConsoleErrors
from tests.processes import PORT_BASE, AppServer, TcpGate, database_url

pytestmark = pytest.mark.browser


@pytest.fixture
def gate(on_postgis, transactional_db):
    config = connection.settings_dict
    gate = TcpGate((config["HOST"] or "127.0.0.1", int(config["PORT"] or 5432)))
    yield gate
    gate.close()


@pytest.fixture
def server(gate, tmp_path):
    server = AppServer(
        port=PORT_BASE + 1,
        environment={
            "DATABASE_URL": database_url(port=gate.port),
            "MEDIA_ROOT": str(tmp_path / "media"),
            "PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),
        },
    )
    yield server
    server.stop()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport=PHONE, base_url=server.url, is_mobile=True)
    context.route(lambda url: not url.startswith(server.url), lambda route: route.abort())
    page = context.new_page()
    page.console_errors = ConsoleErrors(page, server.url)
    yield page
    context.close()


def test_a_report_sent_while_the_database_is_away_arrives_once_it_is_back(gate, page, server):
    answers = []
    page.on(
        "response",
        lambda r: (
            answers.append((r.status, r.headers.get("retry-after")))
            if r.url.endswith("/api/v1/sightings/")
            else None
        ),
    )
    page.goto("/submit/")
    page.locator("#location-map").click()  # placed on the map
    page.get_by_text("Dome", exact=True).click()

    gate.shut()
    page.get_by_role("button", name="Send the report").click()

    status = page.locator("#queue-status")
    expect(status).to_have_text(re.compile(r"^1 report waiting"))
    assert answers == [(503, "30")]
    assert not Sighting.objects.exists()

    gate.open()
    # What a phone coming back online does; the page also retries every half minute.
    page.evaluate("window.dispatchEvent(new Event('online'))")

    expect(status).to_have_attribute("data-waiting", "0", timeout=40_000)
    later = page.context.new_page()
    later.goto(f"{server.url}/submit/")
    expect(later.locator("#queue-status")).to_have_attribute("data-waiting", "0")
    assert Sighting.objects.count() == 1
    assert Sighting.objects.get().camera_type == "dome"
    # The 503 is logged by the browser as a failed resource; nothing else went wrong.
    assert [e for e in page.console_errors if "503" not in e] == []
