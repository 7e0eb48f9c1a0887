import pytest

pytestmark = pytest.mark.browser


def test_the_api_docs_show_every_operation_from_the_apps_own_files(transactional_db, phone):
    phone.goto("/api/v1/docs/")

    phone.wait_for_selector(".opblock-summary-path")
    paths = phone.locator(".opblock-summary-path").all_inner_texts()
    assert {"/api/v1/cameras/", "/api/v1/areas/"} <= {path.strip() for path in paths}
    # Requests to any other origin are aborted by the fixture: nothing came from a CDN.
    assert phone.console_errors == []
