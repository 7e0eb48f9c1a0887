"""The settings of the report form fail loudly, in one line, when they are wrong."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cameramap.lib import service_area

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("environment", "message"),
    [
        ({"CAMERAMAP_THROTTLE_ANON": "lots"}, "CAMERAMAP_THROTTLE_ANON must look like 60/hour"),
        ({"CAMERAMAP_SERVICE_AREA": "1,2,3"}, "CAMERAMAP_SERVICE_AREA must be empty"),
        ({"CAMERAMAP_REQUIRE_SIGN_IN": "perhaps"}, "CAMERAMAP_REQUIRE_SIGN_IN must be one of"),
        ({"PRIVATE_MEDIA_ROOT": str(ROOT / "var" / "media" / "p")}, "must not be inside"),
    ],
)
def test_manage_py_stops_with_one_line_on_a_bad_report_setting(environment, message):
    env = {k: v for k, v in os.environ.items() if k not in {"PYTEST_VERSION", "DATABASE_URL"}}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={**env, "DEBUG": "1", "MEDIA_ROOT": str(ROOT / "var" / "media"), **environment},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert message in lines[0]


def test_a_bounding_box_service_area_covers_its_inside_and_edge_only():
    area = service_area.parse_service_area("-74.05,40.57,-73.83,40.74", base_dir=ROOT)

    assert service_area.covers(area, longitude=-73.95, latitude=40.65)
    assert service_area.covers(area, longitude=-74.05, latitude=40.65)
    assert not service_area.covers(area, longitude=2.35, latitude=48.85)
    assert service_area.bounds(area) == (-74.05, 40.57, -73.83, 40.74)


def test_a_geojson_feature_collection_service_area_is_read(brooklyn):
    area = service_area.parse_service_area(
        str(brooklyn / "neighbourhoods-nta2010.geojson"), base_dir=ROOT
    )

    assert area["type"] == "MultiPolygon"
    assert len(area["coordinates"]) >= 51
    assert service_area.covers(area, longitude=-73.9859, latitude=40.6935)
