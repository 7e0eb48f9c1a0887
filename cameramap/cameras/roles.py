"""Who may do what.

Three roles: volunteers (any account, or none: they report cameras and follow their reports),
moderators (the "moderators" group, which holds cameras.moderate: they review and look after
cameras) and admins (superusers: everything, the Django admin included)."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

MODERATORS_GROUP = "moderators"


def is_moderator(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm("cameras.moderate"))


def is_admin(user) -> bool:
    return bool(user and user.is_authenticated and user.is_superuser)


@transaction.atomic
def moderators_group() -> Group:
    """The moderators group with its permission, made again if it was deleted."""
    group, _ = Group.objects.get_or_create(name=MODERATORS_GROUP)
    permission = Permission.objects.get(content_type__app_label="cameras", codename="moderate")
    group.permissions.add(permission)
    return group
