"""Who may do what. Moderators are the users with cameras.moderate (the "moderators" group)."""

MODERATORS_GROUP = "moderators"


def is_moderator(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm("cameras.moderate"))
