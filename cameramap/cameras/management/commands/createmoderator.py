"""python manage.py createmoderator USERNAME: make an account a moderator (creating it if need be).

The password comes from --password, else $CAMERAMAP_MODERATOR_PASSWORD, else a prompt; an
existing account keeps its password unless one is given."""

import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cameramap.cameras.roles import moderators_group

PASSWORD_VARIABLE = "CAMERAMAP_MODERATOR_PASSWORD"  # noqa: S105 (a variable name)


class Command(BaseCommand):
    help = "Create a moderator account, or make an existing account a moderator."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--password", help=f"else ${PASSWORD_VARIABLE}, else a prompt")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--no-input", action="store_true", help="never prompt (fail when a password is needed)"
        )

    def handle(self, *args, username, password, email, no_input, **options):
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        password = password or os.environ.get(PASSWORD_VARIABLE) or None
        if user is None and password is None:
            if no_input:
                raise CommandError(
                    f"a new account needs a password: give --password or ${PASSWORD_VARIABLE}"
                )
            password = self._prompt()
        with transaction.atomic():
            created = user is None
            if created:
                user = User(username=username, email=email)
            if password is not None:
                try:
                    validate_password(password, user)
                except ValidationError as error:
                    raise CommandError(" ".join(error.messages)) from None
                user.set_password(password)
            user.save()
            user.groups.add(moderators_group())
        verb = "Created moderator" if created else "Made moderator"
        self.stdout.write(self.style.SUCCESS(f"{verb}: {username}"))

    def _prompt(self) -> str:
        first = getpass.getpass("Password: ")
        if first != getpass.getpass("Password (again): "):
            raise CommandError("the passwords do not match")
        return first
