"""What the clusters endpoint costs on top of the SQL aggregation that computes it.

    .venv/bin/python bench/bench_clusters.py [--rounds 15] [--database-url postgis://…]

Loads the 61,768 licence plate readers of ../shared/data/osm/deflock-alpr-us.json.gz into a
bench database (SpatiaLite under var/bench/ unless --database-url names another one; the
cameras are imported once, as source "deflock"), then for views from the whole USA down to a
street, alternating so both see the same load:

- baseline: the clustering SQL alone (the exact statement the selector sends), on a cursor;
- endpoint: GET /api/v1/cameras/clusters/ through Django (parsing, SQL, GeoJSON, caching
  headers, JSON rendering), in process.

It prints the features returned, the medians and their ratio (issue #7 asks ≤ 2 at city
zoom, at a million cameras).
"""

import argparse
import gzip
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = Path(os.environ.get("CAMERAMAP_SHARED_DATA", ROOT.parent / "shared" / "data"))
# (label, bbox, zoom) as a phone's map asks for them.
VIEWS = [
    ("whole USA, zoom 3", "-125.0,24.0,-66.9,49.5", 3),
    ("California, zoom 6", "-124.5,32.5,-114.1,42.0", 6),
    ("Los Angeles, zoom 10", "-118.67,33.70,-118.15,34.34", 10),
    ("Beverly Hills, zoom 13", "-118.46,34.03,-118.36,34.11", 13),
    ("a street, zoom 17", "-118.4130,34.0670,-118.4070,34.0730", 17),
]


def setup(database_url: str | None) -> None:
    default = f"spatialite:///{(Path('var') / 'bench' / 'clusters.sqlite3')}"
    os.environ["DATABASE_URL"] = database_url or default
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ["ALLOWED_HOSTS"] = "testserver"
    (ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cameramap.settings")
    os.chdir(ROOT)
    import django

    django.setup()


def load_cameras() -> int:
    from django.core.management import call_command

    from cameramap.cameras.models import Camera

    call_command("migrate", verbosity=0)
    if Camera.objects.filter(source="deflock").count() != 61_768:
        rows = json.loads(gzip.decompress((DATA / "osm" / "deflock-alpr-us.json.gz").read_bytes()))
        features = [
            {
                "type": "Feature",
                "id": f"{row['osmType']}/{row['osmId']}",
                "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
                "properties": {"surveillance_type": "alpr"},
            }
            for row in rows
        ]
        path = ROOT / "var" / "bench" / "deflock.geojson"
        path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
        print("importing the 61,768 DeFlock cameras (once)…")
        call_command("import_cameras", path, source="deflock", verbosity=0)
    return Camera.objects.public().count()


def clustering_sql(bbox: str, zoom: int) -> tuple[str, list]:
    """The statement the selector sends for this view, as sent."""
    from django.conf import settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from api.filters import parse_bbox
    from cameramap.cameras.selectors import camera_clusters

    with CaptureQueriesContext(connection) as captured:
        camera_clusters(
            zoom=zoom, bbox=parse_bbox(bbox), max_cells=settings.CAMERAMAP_MAX_FEATURES
        )
    return captured.captured_queries[-1]["sql"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--database-url", help="default: SpatiaLite under var/bench/")
    options = parser.parse_args()
    setup(options.database_url)
    from django.db import connection
    from django.test import Client

    total = load_cameras()
    client = Client()
    print(f"{connection.vendor}, {total:,} public cameras; median of {options.rounds} (ms)")
    print(f"{'view':26} {'features':>8} {'SQL':>8} {'endpoint':>9} {'ratio':>6}")
    for label, bbox, zoom in VIEWS:
        sql = clustering_sql(bbox, zoom)
        url = f"/api/v1/cameras/clusters/?bbox={bbox}&zoom={zoom}"
        features = len(client.get(url).json()["features"])
        raw, full = [], []
        for _ in range(options.rounds):
            start = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute(sql)
                cursor.fetchall()
            raw.append(time.perf_counter() - start)
            start = time.perf_counter()
            response = client.get(url)
            full.append(time.perf_counter() - start)
            assert response.status_code == 200
        r, f = statistics.median(raw) * 1000, statistics.median(full) * 1000
        print(f"{label:26} {features:8} {r:8.1f} {f:9.1f} {f / r:6.2f}")


if __name__ == "__main__":
    main()
