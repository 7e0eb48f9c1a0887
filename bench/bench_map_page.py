"""How fast the public map draws the 804 Brooklyn census tracts on a phone, and how heavy it is.

    .venv/bin/python bench/bench_map_page.py [--rounds 7]

Sets up its own SpatiaLite database under var/bench/ (the 804 census tracts and the Amnesty
cameras; kept for later runs), serves the app with `runserver --insecure` (DEBUG off), and
drives a phone-sized headless Chromium (390 × 844, tiles blocked, a fresh cache each round)
through two pages, alternating so that both see the same machine load:

- baseline: a bare page that loads Leaflet, fetches the same /api/v1/areas/ and draws it
  with L.geoJSON (the floor for drawing these shapes with Leaflet);
- map: CameraMap's map page (/), up to its "cameramap:choropleth-drawn" performance mark.

Both are timed from navigation start, on an unthrottled phone and on a mid-range one (CPU
4× slower, Lighthouse's "slow 4G": 150 ms RTT, 1.6 Mbit/s). It prints the medians and the
ratio, then the gzipped size of the map page's own JS and CSS (target ≤ 150 KB; Leaflet
excluded) and, for reference, of the page and the areas it loads.
"""

import argparse
import gzip
import os
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("CAMERAMAP_SHARED_DATA", ROOT.parent / "shared" / "data"))
DATABASE = ROOT / "var" / "bench" / "map.sqlite3"
CHROMIUM = os.environ.get("CAMERAMAP_CHROMIUM", "/usr/bin/chromium")
PHONE = {"width": 390, "height": 844}
SLOW_4G = {"latency": 150, "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8}
TARGET_KB = 150
MARK = "cameramap:choropleth-drawn"
PHONES = [("390×844, unthrottled", False), ("390×844, CPU 4×, slow 4G", True)]

BASELINE_PAGE = """<!doctype html><html><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/static/leaflet/leaflet.css">
<style>html, body, #map { margin: 0; height: 100%; }</style></head>
<body><div id="map"></div><script src="/static/leaflet/leaflet.js"></script><script>
const map = L.map("map").setView([40.65, -73.95], 11);
fetch("/api/v1/areas/").then((r) => r.json()).then((areas) => {
  const layer = L.geoJSON(areas, { style: { weight: 1, fillOpacity: 0.65 } }).addTo(map);
  map.fitBounds(layer.getBounds(), { animate: false });
  performance.mark("cameramap:choropleth-drawn");
});
</script></body></html>"""


def environment() -> dict:
    return {
        **os.environ,
        "DATABASE_URL": f"spatialite:///{DATABASE.relative_to(ROOT)}",
        "DEBUG": "0",
        "SECRET_KEY": "bench-only",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
    }


def manage(*args: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment(),
        check=True,
        stdout=subprocess.DEVNULL,
    )


def prepare_database() -> None:
    if DATABASE.exists():
        return
    DATABASE.parent.mkdir(parents=True, exist_ok=True)
    brooklyn = DATA / "brooklyn"
    print("setting up var/bench/map.sqlite3 (804 census tracts, Amnesty cameras)…")
    manage("migrate", "--no-input")
    tracts = brooklyn / "census-tracts-2020-with-published-counts.geojson"
    manage("import_areas", str(tracts), "--code-field", "GEOID")
    cameras = brooklyn / "amnesty-decode-intersections.geojson"
    manage("import_cameras", str(cameras), "--count-field", "n_cameras_median")


def get(url: str) -> bytes:
    """A page of the bench's own server (always http://127.0.0.1)."""
    with urllib.request.urlopen(url) as response:  # noqa: S310
        return response.read()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "runserver",
            "--noreload",
            "--insecure",
            f"127.0.0.1:{port}",
        ],
        cwd=ROOT,
        env=environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            get(f"http://127.0.0.1:{port}/api/v1/areas/?geometry=false")
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the bench server did not start")


def time_page(browser, origin: str, path: str, *, slow: bool) -> float:
    """Milliseconds from navigation start to the choropleth mark, with a cold cache."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, device_scale_factor=3)
    context.route(lambda url: not url.startswith(origin), lambda route: route.abort())
    context.route(
        f"{origin}/bench-baseline/",
        lambda route: route.fulfill(status=200, content_type="text/html", body=BASELINE_PAGE),
    )
    page = context.new_page()
    if slow:
        cdp = context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", {"offline": False, **SLOW_4G})
    page.goto(origin + path)
    page.wait_for_function(f"performance.getEntriesByName('{MARK}').length > 0", timeout=120_000)
    drawn = page.evaluate(f"performance.getEntriesByName('{MARK}')[0].startTime")
    shapes = page.locator("path.leaflet-interactive").count()
    context.close()
    if shapes != 804:
        raise SystemExit(f"{path}: drew {shapes} shapes, not 804")
    return drawn


def own_assets(origin: str) -> list[str]:
    """The map page's own scripts and style sheets (Leaflet excluded), with module imports."""
    html = get(origin + "/").decode()
    assets = re.findall(r'(?:src|href)="(/static/[^"]+\.(?:js|css))"', html)
    assets = [asset for asset in assets if "/leaflet/" not in asset]
    for asset in [a for a in assets if a.endswith(".js")]:
        source = get(origin + asset).decode()
        for module in re.findall(r'from "\./([\w-]+\.js)"', source):
            assets.append(asset.rsplit("/", 1)[0] + "/" + module)
    return sorted(set(assets))


def gzipped_kb(data: bytes) -> float:
    return len(gzip.compress(data, compresslevel=6)) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    rounds = parser.parse_args().rounds
    prepare_database()
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    server = start_server(port)
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
            )
            print(f"navigation → 804 census tracts drawn, median of {rounds} (ms)")
            print(f"{'phone':34} {'baseline':>9} {'map':>9} {'ratio':>6}")
            for label, slow in PHONES:
                time_page(browser, origin, "/", slow=slow)  # warm the server's cache
                base, ours = [], []
                for _ in range(rounds):
                    base.append(time_page(browser, origin, "/bench-baseline/", slow=slow))
                    ours.append(time_page(browser, origin, "/", slow=slow))
                b, m = statistics.median(base), statistics.median(ours)
                print(f"{label:34} {b:9.0f} {m:9.0f} {m / b:6.2f}")
            browser.close()

        print("\nthe map page's own JS and CSS, gzipped (Leaflet excluded)")
        total = 0.0
        for asset in own_assets(origin):
            size = gzipped_kb(get(origin + asset))
            total += size
            print(f"  {asset:40} {size:7.1f} KB")
        verdict = "within" if total <= TARGET_KB else "OVER"
        print(f"  {'total':40} {total:7.1f} KB ({verdict} the {TARGET_KB} KB target)")
        html, areas = get(origin + "/"), get(origin + "/api/v1/areas/")
        print(
            f"for reference: the page's HTML {gzipped_kb(html):.1f} KB, "
            f"/api/v1/areas/ (804 tracts) {gzipped_kb(areas):.0f} KB, gzipped"
        )
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
