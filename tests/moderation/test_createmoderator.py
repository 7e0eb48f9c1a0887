import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from cameramap.cameras.roles import is_moderator


def user(username):
    return get_user_model().objects.get(username=username)


def test_it_creates_a_moderator_with_the_given_password(db):
    call_command("createmoderator", "mira", password="a long enough passphrase")
    assert user("mira").check_password("a long enough passphrase")
    assert is_moderator(user("mira"))


def test_it_promotes_an_existing_volunteer_keeping_their_password(volunteer):
    call_command("createmoderator", "vera", no_input=True)
    assert user("vera").check_password("correct horse battery staple")
    assert is_moderator(user("vera"))


def test_it_takes_the_password_from_the_environment(db, monkeypatch):
    monkeypatch.setenv("CAMERAMAP_MODERATOR_PASSWORD", "another long passphrase")
    call_command("createmoderator", "milo", no_input=True)
    assert user("milo").check_password("another long passphrase")
    assert is_moderator(user("milo"))


def test_a_new_account_without_a_password_fails_without_input(db):
    with pytest.raises(CommandError):
        call_command("createmoderator", "nobody", no_input=True)
    assert not get_user_model().objects.filter(username="nobody").exists()


def test_a_weak_password_is_refused(db):
    with pytest.raises(CommandError):
        call_command("createmoderator", "weak", password="123")
    assert not get_user_model().objects.filter(username="weak").exists()
