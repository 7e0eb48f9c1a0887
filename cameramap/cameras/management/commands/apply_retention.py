from django.conf import settings
from django.core.management.base import BaseCommand

from cameramap.cameras.services import sightings_apply_retention
from cameramap.signin import signin_attempts_forget


class Command(BaseCommand):
    help = (
        "Delete the photos of reports rejected CAMERAMAP_RETAIN_REJECTED_PHOTOS_DAYS days ago "
        "and forget who sent reports approved or merged CAMERAMAP_RETAIN_SUBMITTER_DAYS days "
        "ago, and forget failed sign-ins older than a day (docs/privacy.md). Run it daily."
    )

    def handle(self, *args, **options):
        result = sightings_apply_retention()
        attempts = signin_attempts_forget()
        self.stdout.write(
            f"{result.photos_deleted} photos of rejected reports deleted "
            f"(after {settings.CAMERAMAP_RETAIN_REJECTED_PHOTOS_DAYS} days); "
            f"{result.submitters_erased} approved or merged reports no longer linked to their "
            f"sender (after {settings.CAMERAMAP_RETAIN_SUBMITTER_DAYS} days); "
            f"{attempts} failed sign-ins forgotten"
        )
