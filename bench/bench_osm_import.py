"""How long importing DeFlock's 61,768 US ALPRs takes, and that its memory does not grow with
the file.

    DATABASE_URL=postgis://postgres@127.0.0.1:5432/cameramap \
        .venv/bin/python bench/bench_osm_import.py [--runs 3]

Works in a scratch test database (test_<name>, created and dropped here); prints medians of
--runs runs. Baselines measured in the same run:
- time: reading and mapping the file alone (no database), against the whole import;
- memory: the same import of the first quarter of the file (memory must not grow with the
  file: ratio ~1), and json.load of the two files (what a reader that is not streamed holds).
Memory is the peak of Python allocations during the import (tracemalloc), on top of what was
allocated before it began.
"""

import argparse
import gzip
import json
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cameramap.settings")
os.environ.setdefault("PYTEST_VERSION", "bench")  # a local secret key, as for tests

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_databases, teardown_databases  # noqa: E402

from cameramap.cameras.models import Camera  # noqa: E402
from cameramap.cameras.services import cameras_import  # noqa: E402
from cameramap.lib.camera_files import read_cameras  # noqa: E402

DEFLOCK = (
    Path(os.environ.get("CAMERAMAP_SHARED_DATA", ROOT.parent / "shared" / "data"))
    / "osm"
    / "deflock-alpr-us.json.gz"
)


def import_file(path: Path) -> tuple[float, int, int]:
    started = time.perf_counter()
    result = cameras_import(records=read_cameras(path, fmt="deflock"), source="osm")
    return time.perf_counter() - started, result.created, result.updated


def read_only(path: Path) -> float:
    started = time.perf_counter()
    for _ in read_cameras(path, fmt="deflock", unreadable=Counter()):
        pass
    return time.perf_counter() - started


def peak_bytes(function, *args) -> int:
    tracemalloc.start()
    tracemalloc.reset_peak()
    before = tracemalloc.get_traced_memory()[0]
    function(*args)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak - before


def json_load(path: Path) -> None:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        json.load(handle)


def empty() -> None:
    Camera.objects.all().delete()


def mib(size: int) -> str:
    return f"{size / 2**20:6.1f} MiB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    if not DEFLOCK.exists():
        sys.exit(f"{DEFLOCK} is missing (set CAMERAMAP_SHARED_DATA)")

    items = json.loads(gzip.decompress(DEFLOCK.read_bytes()))
    with tempfile.TemporaryDirectory() as scratch:
        quarter = Path(scratch) / "quarter.json.gz"
        quarter.write_bytes(gzip.compress(json.dumps(items[: len(items) // 4]).encode()))
        del items
        databases = setup_databases(verbosity=0, interactive=False)
        try:
            run(options.runs, quarter)
        finally:
            teardown_databases(databases, verbosity=0)


def run(runs: int, quarter: Path) -> None:
    print(f"database: {connection.vendor} ({connection.settings_dict['NAME']}), runs: {runs}")
    first, again, reading = [], [], []
    for _ in range(runs):
        empty()
        seconds, created, updated = import_file(DEFLOCK)
        assert (created, updated) == (61_768, 0), (created, updated)
        first.append(seconds)
        seconds, created, updated = import_file(DEFLOCK)
        assert (created, updated) == (0, 61_768), (created, updated)
        again.append(seconds)
        reading.append(read_only(DEFLOCK))
    imported, reread, read = (statistics.median(t) for t in (first, again, reading))
    print(f"import of 61,768 cameras into an empty table  {imported:6.1f} s (median)")
    print(f"import again (61,768 updates, none created)   {reread:6.1f} s (median)")
    print(f"baseline: reading and mapping the file alone  {read:6.1f} s (median)")
    print(f"ratio import / reading alone                  {imported / read:6.1f}")
    print(f"cameras per second (first import)             {61_768 / imported:8.0f}")

    empty()
    import_quarter = peak_bytes(import_file, quarter)
    empty()
    import_whole = peak_bytes(import_file, DEFLOCK)
    load_quarter = peak_bytes(json_load, quarter)
    load_whole = peak_bytes(json_load, DEFLOCK)
    print("peak Python memory during the import (tracemalloc):")
    print(f"  first quarter (15,442 cameras)   {mib(import_quarter)}")
    print(f"  whole file (61,768 cameras)      {mib(import_whole)}")
    print(f"  ratio whole / quarter            {import_whole / import_quarter:6.2f}")
    print("baseline: json.load of the array, as a reader that does not stream would hold it:")
    print(f"  first quarter                    {mib(load_quarter)}")
    print(f"  whole file                       {mib(load_whole)}")
    print(f"  ratio whole / quarter            {load_whole / load_quarter:6.2f}")


if __name__ == "__main__":
    main()
