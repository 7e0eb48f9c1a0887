"""The "My reports" page: a volunteer's own reports and no one else's."""

from cameramap.cameras import submitters
from tests.factories import SightingFactory
from tests.sightings import post


def test_an_anonymous_volunteer_sees_the_reports_of_this_browser(db, api):
    first = post(api, note="first corner").json()["id"]
    second = post(api, note="second corner").json()["id"]

    page = api.get("/my-reports/").content.decode()

    assert f'id="report-{first}"' in page
    assert f'id="report-{second}"' in page
    assert "Waiting for a moderator" in page


def test_another_browser_sees_none_of_them(db, api, client):
    post(api, note="my corner")

    page = client.get("/my-reports/").content.decode()

    assert "my corner" not in page
    assert "No reports yet" in page


def test_a_signed_in_volunteer_sees_theirs_and_not_another_volunteers(
    db, client, volunteer, other_volunteer
):
    SightingFactory(submitter=volunteer, note="vera's camera")
    SightingFactory(submitter=other_volunteer, note="otto's camera")
    SightingFactory(submitter_token=submitters.token_hash("x" * 43), note="someone's camera")
    client.force_login(volunteer)

    page = client.get("/my-reports/").content.decode()

    assert "vera&#x27;s camera" in page
    assert "otto" not in page
    assert "someone" not in page


def test_the_page_is_never_cached(db, client):
    assert client.get("/my-reports/")["Cache-Control"] == "private, no-store"


def test_the_submit_page_gives_an_anonymous_browser_its_token(db, client):
    response = client.get("/submit/")

    assert response.status_code == 200
    assert submitters.TOKEN.match(response.cookies[submitters.COOKIE_NAME].value)
    assert "csrftoken" in response.cookies


def test_the_submit_page_asks_to_sign_in_when_that_is_required(db, client, settings):
    settings.CAMERAMAP_REQUIRE_SIGN_IN = True

    response = client.get("/submit/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_submit_page_has_no_inline_script_or_style(db, client):
    page = client.get("/submit/").content.decode()

    assert "<script>" not in page
    assert " style=" not in page
    assert " onclick=" not in page
    assert 'type="application/json"' in page  # configuration comes through json_script
