import random

from django.contrib.gis.geos import MultiPolygon, Polygon
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cameramap.areas.models import Area
from cameramap.areas.services import areas_recompute
from cameramap.cameras.models import Camera
from cameramap.cameras.services import cameras_import
from cameramap.db import GeodesicAreaKm2
from cameramap.lib.camera_files import CameraRecord
from cameramap.lib.vocabulary import CameraType, Mount, OperatorType, SurveillanceType, Zone

DEMO_SOURCE = "demo"
DEMO_CODE_PREFIX = "DEMO-"
# A made-up 3 × 2 grid of neighbourhoods; names say plainly that none of it is real.
ORIGIN_LON, ORIGIN_LAT, STEP_LON, STEP_LAT = -73.99, 40.66, 0.03, 0.025
NAMES = ["North-West", "North", "North-East", "South-West", "South", "South-East"]


class Command(BaseCommand):
    help = "Fill an empty database with clearly labelled demo neighbourhoods and cameras."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help="do nothing (and succeed) when data exists"
        )
        parser.add_argument("--remove", action="store_true", help="delete the demo data")

    def handle(self, *args, if_empty, remove, **options):
        if remove:
            with transaction.atomic():
                cameras, _ = Camera.objects.filter(source=DEMO_SOURCE).delete()
                areas, _ = Area.objects.filter(code__startswith=DEMO_CODE_PREFIX).delete()
                areas_recompute()
            self.stdout.write(f"removed {areas} demo areas and {cameras} demo cameras")
            return
        if Area.objects.exists() or Camera.objects.exists():
            if if_empty:
                self.stdout.write("the database already holds data; no demo data loaded")
                return
            raise CommandError("the database is not empty; seed_demo only fills an empty one")
        self._seed()

    @transaction.atomic
    def _seed(self):
        rng = random.Random(20261126)
        for index, name in enumerate(NAMES):
            row, column = divmod(index, 3)
            west = ORIGIN_LON + column * STEP_LON
            north = ORIGIN_LAT + (2 - row) * STEP_LAT
            south = north - STEP_LAT
            box = Polygon.from_bbox((west, south, west + STEP_LON, north))
            Area.objects.create(
                name=f"Demo {name}",
                slug=f"demo-{name.lower()}",
                code=f"{DEMO_CODE_PREFIX}{index + 1}",
                geom=MultiPolygon(box, srid=4326),
                population=rng.randrange(20_000, 90_000),
            )
        Area.objects.update(area_km2=GeodesicAreaKm2("geom"))
        # More cameras towards the north-east, so the choropleth has something to show.
        records = []
        for number in range(240):
            lon = ORIGIN_LON + 3 * STEP_LON * rng.random() ** 0.7
            lat = ORIGIN_LAT + 2 * STEP_LAT * rng.random() ** 0.6
            camera_type = rng.choice(CameraType.values)
            records.append(
                CameraRecord(
                    lon=round(lon, 6),
                    lat=round(lat, 6),
                    source_id=f"demo-{number}",
                    count=rng.choice([1, 1, 1, 2, 3]),
                    fields={
                        "surveillance_type": rng.choice(
                            [SurveillanceType.CAMERA] * 8 + [SurveillanceType.ALPR]
                        ),
                        "camera_type": camera_type,
                        "mount": rng.choice(Mount.values),
                        "zone": rng.choice(Zone.values),
                        "operator_type": rng.choice(OperatorType.values),
                        "directions": [rng.randrange(0, 360, 15)]
                        if camera_type == CameraType.FIXED
                        else [],
                    },
                )
            )
        cameras_import(records=records, source=DEMO_SOURCE)
        self.stdout.write(f"demo data: {len(NAMES)} areas, {len(records)} cameras")
