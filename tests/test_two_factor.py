"""Optional one-time codes (TOTP) for the moderators' paths (CAMERAMAP_REQUIRE_2FA)."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

REVIEW_PAGE = "/review/export.osm"
REVIEW_API = "/api/v1/review/sightings/"


@pytest.fixture
def require_2fa(settings):
    settings.CAMERAMAP_REQUIRE_2FA = True


@pytest.fixture
def device(moderator):
    return TOTPDevice.objects.create(user=moderator, name="phone", confirmed=True)


def code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def test_without_the_setting_a_moderator_needs_no_code(client, moderator):
    client.force_login(moderator)

    assert client.get(REVIEW_PAGE).status_code == 200


def test_a_moderator_without_a_code_is_sent_to_confirm_one(client, moderator, require_2fa):
    client.force_login(moderator)

    response = client.get(REVIEW_PAGE)

    assert response.status_code == 302
    assert response["Location"] == "/accounts/two-factor/?next=/review/export.osm"


def test_the_review_api_refuses_a_session_without_a_code(client, moderator, require_2fa):
    client.force_login(moderator)

    response = client.get(REVIEW_API)

    assert response.status_code == 403
    assert "one-time code" in response.json()["detail"]


def test_the_admin_asks_for_a_code_too(client, moderator, require_2fa):
    moderator.is_staff = moderator.is_superuser = True
    moderator.save()
    client.force_login(moderator)

    assert client.get("/admin/").status_code == 302


def test_a_right_code_opens_the_review_pages_for_the_session(
    client, moderator, device, require_2fa
):
    client.force_login(moderator)

    response = client.post(
        "/accounts/two-factor/?next=/review/export.osm",
        {"otp_device": device.persistent_id, "otp_token": code(device)},
    )

    assert response.status_code == 302
    assert response["Location"] == REVIEW_PAGE
    assert client.get(REVIEW_PAGE).status_code == 200


def test_a_wrong_code_opens_nothing(client, moderator, device, require_2fa):
    client.force_login(moderator)
    wrong = f"{(int(code(device)) + 1) % 1_000_000:06d}"

    response = client.post(
        "/accounts/two-factor/", {"otp_device": device.persistent_id, "otp_token": wrong}
    )

    assert response.status_code == 200
    assert "not right" in response.content.decode()
    assert client.get(REVIEW_PAGE).status_code == 302


def test_a_moderator_without_a_device_is_told_to_ask_an_administrator(
    client, moderator, require_2fa
):
    client.force_login(moderator)

    response = client.get("/accounts/two-factor/")

    assert "no authenticator device" in response.content.decode()


def test_an_anonymous_visitor_is_not_asked_for_a_code_but_for_a_sign_in(client, require_2fa):
    response = client.get(REVIEW_PAGE)

    assert response["Location"].startswith("/accounts/login/")


def test_the_next_address_cannot_lead_off_site(client, moderator, device, require_2fa):
    client.force_login(moderator)

    response = client.post(
        "/accounts/two-factor/?next=https://evil.example/",
        {"otp_device": device.persistent_id, "otp_token": code(device)},
    )

    assert response["Location"] == "/"
