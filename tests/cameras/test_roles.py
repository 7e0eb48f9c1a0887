from cameramap.cameras.roles import is_moderator


def test_a_member_of_the_moderators_group_is_a_moderator(moderator):
    assert is_moderator(moderator)


def test_a_volunteer_is_not_a_moderator(volunteer):
    assert not is_moderator(volunteer)


def test_an_anonymous_visitor_is_not_a_moderator():
    from django.contrib.auth.models import AnonymousUser

    assert not is_moderator(AnonymousUser())
