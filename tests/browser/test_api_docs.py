import pytest

pytestmark = pytest.mark.browser

# What the strict Content-Security-Policy planned for CameraMap will allow: nothing inline, no
# other origin, no eval. (Swagger UI's stylesheet draws its icons with data: images.)
STRICT_CSP = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'"


def test_the_api_docs_show_every_operation_from_the_apps_own_files(transactional_db, phone):
    phone.goto("/api/v1/docs/")

    phone.wait_for_selector(".opblock-summary-path")
    paths = phone.locator(".opblock-summary-path").all_inner_texts()
    assert {"/api/v1/cameras/", "/api/v1/areas/"} <= {path.strip() for path in paths}
    # Requests to any other origin are aborted by the fixture: nothing came from a CDN.
    assert phone.console_errors == []


def test_the_api_docs_work_under_a_strict_content_security_policy(transactional_db, phone):
    def with_csp(route):
        response = route.fetch()
        headers = {**response.headers, "content-security-policy": STRICT_CSP}
        route.fulfill(response=response, headers=headers)

    phone.route("**/api/v1/docs/", with_csp)
    phone.goto("/api/v1/docs/")

    phone.wait_for_selector(".opblock-summary-path")
    assert phone.console_errors == []
