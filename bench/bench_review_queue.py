"""How the review queue page (/review/) scales with the queue: 500 pending against 5.

    .venv/bin/python bench/bench_review_queue.py [--rounds 15] [--database-url postgis://…]

Builds a bench database (SpatiaLite under var/bench/ unless --database-url names another one):
the 804 Brooklyn census tracts and the Amnesty Decode Surveillance cameras from ../shared/data,
then pending sightings a few metres from real cameras, each from one of 50 volunteers. It
renders the page in process as a signed-in moderator, with 5 pending sightings (the baseline)
and with 500, alternating rounds so both see the same machine load, and prints the queries
per render, the medians and their ratio.
"""

import argparse
import os
import random
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = Path(os.environ.get("CAMERAMAP_SHARED_DATA", ROOT.parent / "shared" / "data"))
SIZES = (5, 500)


def setup(database_url: str | None) -> None:
    default = f"spatialite:///{(Path('var') / 'bench' / 'review.sqlite3')}"
    os.environ["DATABASE_URL"] = database_url or default
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ["ALLOWED_HOSTS"] = "testserver"
    (ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cameramap.settings")
    os.chdir(ROOT)
    import django

    django.setup()


def load_map() -> int:
    from django.core.management import call_command

    from cameramap.areas.models import Area
    from cameramap.cameras.models import Camera

    call_command("migrate", verbosity=0)
    brooklyn = DATA / "brooklyn"
    if not Area.objects.exists():
        print("importing the 804 census tracts and the Amnesty cameras (once)…")
        tracts = brooklyn / "census-tracts-2020-with-published-counts.geojson"
        call_command("import_areas", tracts, code_field="GEOID", verbosity=0)
        call_command(
            "import_cameras",
            brooklyn / "amnesty-decode-intersections.geojson",
            count_field="n_cameras_median",
            verbosity=0,
        )
    return Camera.objects.public().count()


def queue_of(n: int, volunteers: list) -> None:
    """Exactly n pending sightings, near real cameras (so each has neighbours to show)."""
    from django.contrib.gis.geos import Point

    from cameramap.cameras.models import Camera, Sighting

    Sighting.objects.filter(status="pending").delete()
    rng = random.Random(n)
    places = list(Camera.objects.public().values_list("location", flat=True)[:2000])
    Sighting.objects.bulk_create(
        Sighting(
            location=Point(p.x + rng.uniform(-2e-4, 2e-4), p.y + rng.uniform(-2e-4, 2e-4)),
            location_source="device",
            submitter=rng.choice(volunteers),
            client_id=uuid.uuid4(),
        )
        for p in rng.sample(places, n)
    )


def render(client) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        response = client.get("/review/")
        elapsed = time.perf_counter() - start
    assert response.status_code == 200
    return elapsed, len(queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--database-url", help="default: SpatiaLite under var/bench/")
    options = parser.parse_args()
    setup(options.database_url)
    from django.db import connection
    from django.test import Client

    from cameramap.cameras.roles import moderators_group
    from tests.factories import UserFactory

    cameras = load_map()
    moderator = UserFactory(username="bench-moderator")
    moderator.groups.add(moderators_group())
    volunteers = [UserFactory(username=f"bench-volunteer-{i}") for i in range(50)]
    client = Client()
    client.force_login(moderator)
    timings: dict[int, list[float]] = {n: [] for n in SIZES}
    queries: dict[int, int] = {}
    # One queue at a time (building it is not what is measured), rounds interleaved in pairs.
    for _ in range(options.rounds):
        for n in SIZES:
            queue_of(n, volunteers)
            render(client)  # warm
            elapsed, count = render(client)
            timings[n].append(elapsed)
            queries[n] = count
    print(f"{connection.vendor}, {cameras:,} public cameras; median of {options.rounds} (ms)")
    print(f"{'pending':>8} {'queries':>8} {'median':>8}")
    for n in SIZES:
        print(f"{n:8} {queries[n]:8} {statistics.median(timings[n]) * 1000:8.1f}")
    small, large = (statistics.median(timings[n]) for n in SIZES)
    print(f"ratio {SIZES[1]}/{SIZES[0]}: {large / small:.2f}")


if __name__ == "__main__":
    main()
