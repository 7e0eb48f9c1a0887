"""Sign-in throttling (django-axes), for real: wrong passwords through the sign-in form."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from tests.factories import UserFactory

PASSWORD = "correct horse battery staple"


@pytest.fixture
def limits(settings):
    settings.AXES_FAILURE_LIMIT = 3
    return settings


def sign_in(client, username, password, ip="203.0.113.7"):
    return client.post(
        "/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def test_the_right_password_signs_in(db, moderator, limits):
    response = sign_in(Client(), "mona", PASSWORD)
    assert response.status_code == 302


def test_after_the_limit_of_wrong_passwords_even_the_right_one_is_refused_with_429(
    db, moderator, limits
):
    client = Client()
    for _ in range(2):
        assert sign_in(client, "mona", "wrong").status_code == 200
    locked = sign_in(client, "mona", "wrong")
    assert locked.status_code == 429
    assert "Too many sign-in attempts" in locked.content.decode()
    assert locked["Retry-After"] == str(15 * 60)
    response = sign_in(Client(), "mona", PASSWORD)
    assert response.status_code == 429


def test_the_lockout_is_per_username_and_client(db, moderator, limits):
    UserFactory(username="otto")
    for _ in range(3):
        sign_in(Client(), "mona", "wrong")
    assert sign_in(Client(), "otto", PASSWORD).status_code == 302
    assert sign_in(Client(), "mona", PASSWORD, ip="198.51.100.9").status_code == 302


def test_no_ip_address_is_stored(db, moderator, limits):
    sign_in(Client(), "mona", "wrong", ip="203.0.113.7")
    attempt = AccessAttempt.objects.get()
    assert attempt.ip_address != "203.0.113.7"
    assert "203.0.113" not in str(attempt.ip_address)


def test_no_user_agent_is_stored(db, moderator, limits):
    Client(HTTP_USER_AGENT="Mozilla/5.0 (Linux; Android 14; Pixel 8)").post(
        "/accounts/login/", {"username": "mona", "password": "wrong"}
    )

    attempt = AccessAttempt.objects.get()
    assert "Pixel" not in attempt.user_agent
    assert "Mozilla" not in attempt.user_agent


def test_behind_a_proxy_the_forwarded_address_is_the_client(db, moderator, limits, settings):
    settings.CAMERAMAP_NUM_PROXIES = 1
    for _ in range(3):
        Client().post(
            "/accounts/login/",
            {"username": "mona", "password": "wrong"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR="203.0.113.7",
        )
    other_client = Client().post(
        "/accounts/login/",
        {"username": "mona", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.9",
    )
    assert other_client.status_code == 302


def test_apply_retention_forgets_failed_sign_ins_after_a_day(db, moderator, limits):
    sign_in(Client(), "mona", "wrong")
    sign_in(Client(), "mona", "wrong", ip="198.51.100.9")
    old = AccessAttempt.objects.order_by("pk").first()
    AccessAttempt.objects.filter(pk=old.pk).update(
        attempt_time=timezone.now() - timedelta(days=1, minutes=1)
    )

    call_command("apply_retention")

    assert list(AccessAttempt.objects.values_list("pk", flat=True)) != [old.pk]
    assert AccessAttempt.objects.count() == 1
