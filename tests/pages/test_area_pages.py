import re
from datetime import date

import pytest
from django.contrib.gis.geos import Point

from cameramap.cameras.services import camera_create
from tests.factories import AreaFactory, CameraFactory, square


@pytest.fixture
def areas(db):
    quiet = AreaFactory(name="Quiet Hill", slug="quiet-hill", code="Q", geom=square(-74.00, 40.70))
    busy = AreaFactory(
        name="Busy <Town>", slug="busy-town", code="B", geom=square(-73.99, 40.70), population=800
    )
    camera_create(
        location=Point(-73.985, 40.705, srid=4326),
        count=3,
        camera_type="dome",
        operator_type="police",
        first_reported=date(2025, 1, 15),
    )
    camera_create(
        location=Point(-73.984, 40.705, srid=4326),
        surveillance_type="alpr",
        first_reported=date(2025, 3, 2),
    )
    return quiet, busy


def test_the_ranking_table_lists_every_area_densest_first(client, areas):
    response = client.get("/areas/")

    assert response.status_code == 200
    html = response.content.decode()
    rows = re.findall(r'<th scope="row"><a href="/areas/([\w-]+)/">', html)
    assert rows == ["busy-town", "quiet-hill"]
    assert "Busy &lt;Town&gt;" in html
    assert 'aria-sort="ascending"' in html


def test_the_ranking_table_sorts_by_any_column_both_ways(client, areas):
    ascending = client.get("/areas/", {"sort": "cameras", "order": "asc"}).content.decode()
    by_name = client.get("/areas/", {"sort": "name"}).content.decode()

    assert re.findall(r'<th scope="row"><a href="/areas/([\w-]+)/">', ascending) == [
        "quiet-hill",
        "busy-town",
    ]
    assert 'aria-sort="ascending"' in ascending
    assert re.findall(r'/areas/([\w-]+)/">', by_name) == ["busy-town", "quiet-hill"]


def test_an_unknown_sort_falls_back_to_the_rank(client, areas):
    response = client.get("/areas/", {"sort": "id; DROP TABLE", "order": "sideways"})

    assert response.status_code == 200


def test_an_area_page_shows_its_figures_and_breakdown(client, areas):
    response = client.get("/areas/busy-town/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<dd id="figure-count">4</dd>' in html
    assert "1 of 2" in html
    for label in ("Police", "Licence plate reader", "Dome"):
        assert label in html
    assert "5.00" in html  # per 1,000 residents: 4 cameras, 800 residents


def test_an_area_page_draws_cameras_added_per_month_as_svg(client, areas):
    html = client.get("/areas/busy-town/").content.decode()

    chart = re.search(r'<svg viewBox="0 0 320 120".*?</svg>', html, re.S).group(0)
    bars = re.findall(r'<rect x="[\d.]+" y="[\d.]+" width="[\d.]+" height="([\d.]+)">', chart)
    titles = re.findall(r"<title>([^<]+)</title>", chart)
    assert titles[:3] == ["January 2025: 3", "February 2025: 0", "March 2025: 1"]
    assert float(bars[0]) > float(bars[2]) > float(bars[1]) == 0
    assert "<script" not in chart


def test_an_area_page_has_share_tags(client, areas):
    html = client.get("/areas/busy-town/").content.decode()

    assert '<meta property="og:title" content="How watched is Busy &lt;Town&gt;?">' in html
    assert re.search(r'<meta property="og:description" content="4 surveillance cameras', html)
    assert '<meta property="og:url" content="http://testserver/areas/busy-town/">' in html


def test_an_unknown_area_page_is_a_404(client, db):
    assert client.get("/areas/atlantis/").status_code == 404


def test_the_pages_have_no_inline_script_or_style(client, areas):
    camera = CameraFactory(location=Point(-73.985, 40.705, srid=4326))
    for url in ("/", "/areas/", "/areas/busy-town/", f"/cameras/{camera.pk}/", "/data/"):
        html = client.get(url).content.decode()
        assert " style=" not in html, url
        assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", html), url
        assert not re.search(r"\son[a-z]+=", html), url
