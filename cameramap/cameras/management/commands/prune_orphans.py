from datetime import timedelta

from django.core.management.base import BaseCommand

from cameramap.cameras.services import photo_files_prune


class Command(BaseCommand):
    help = (
        "List files in the photo stores (MEDIA_ROOT, PRIVATE_MEDIA_ROOT) that no photo refers "
        "to, and photos whose files are missing. A dry run unless --delete is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--delete", action="store_true", help="remove the orphaned files")
        parser.add_argument(
            "--min-age-hours",
            type=float,
            default=1.0,
            help="leave files younger than this alone: a request may be writing them (default 1)",
        )

    def handle(self, *args, delete, min_age_hours, **options):
        result = photo_files_prune(delete=delete, min_age=timedelta(hours=min_age_hours))
        for store, name in result.orphans:
            self.stdout.write(f"{'removed' if delete else 'orphan'} {store} {name}")
        for store, name in result.missing:
            self.stderr.write(f"missing {store} {name}")
        verb = "removed" if delete else "found (dry run; --delete removes them)"
        self.stdout.write(f"{len(result.orphans)} orphaned files {verb}")
        if result.missing:
            self.stderr.write(f"{len(result.missing)} files that photos refer to are missing")
