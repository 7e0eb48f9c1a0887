import time

from django.core.management.base import BaseCommand

from cameramap.cameras.services import cameras_cluster


class Command(BaseCommand):
    help = (
        "PostGIS: rewrite the cameras table in the order of its spatial index (CLUSTER) and "
        "ANALYZE it, so cameras near each other are stored together. Locks the table while it "
        "runs: at a quiet hour, weekly or after a bulk import (docs/deploy.md). Nothing to do "
        "on SpatiaLite."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        index = cameras_cluster()
        if index is None:
            self.stdout.write("Nothing to do: CLUSTER is PostGIS only (this is SpatiaLite).")
            return
        self.stdout.write(
            f"cameras clustered on {index} and analysed in {time.monotonic() - started:.1f} s"
        )
