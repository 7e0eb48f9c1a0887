import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command

from cameramap.cameras.roles import is_moderator


def test_it_creates_a_moderator_who_can_sign_in(db):
    call_command("createmoderator", "mira", password="a long enough passphrase")
    user = authenticate(username="mira", password="a long enough passphrase")
    assert user is not None
    assert is_moderator(user)


def test_it_promotes_an_existing_volunteer_keeping_their_password(volunteer):
    call_command("createmoderator", "vera", no_input=True)
    user = authenticate(username="vera", password="correct horse battery staple")
    assert is_moderator(user)


def test_it_takes_the_password_from_the_environment(db, monkeypatch):
    monkeypatch.setenv("CAMERAMAP_MODERATOR_PASSWORD", "another long passphrase")
    call_command("createmoderator", "milo", no_input=True)
    assert is_moderator(authenticate(username="milo", password="another long passphrase"))


def test_a_new_account_without_a_password_fails_without_input(db):
    with pytest.raises(CommandError):
        call_command("createmoderator", "nobody", no_input=True)
    assert not get_user_model().objects.filter(username="nobody").exists()
