from django.core.management.base import BaseCommand

from cameramap.areas.models import Area
from cameramap.areas.services import areas_recompute


class Command(BaseCommand):
    help = "Recompute every neighbourhood's counts, densities and ranks from scratch."

    def handle(self, *args, **options):
        areas_recompute()
        self.stdout.write(f"{Area.objects.count()} areas recomputed")
