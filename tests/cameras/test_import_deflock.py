"""DeFlock's national ALPR array (../shared/data/osm), imported whole."""

import io
import re

import pytest
from django.core.management import call_command

from cameramap.cameras.models import Camera

BEARINGS = re.compile(r"\d+(;\d+)+")


def bearings(value: str) -> list[int] | None:
    """ "355;175" -> [355, 175]; None unless every part is a bearing (0-360)."""
    if not BEARINGS.fullmatch(value) or any(int(part) > 360 for part in value.split(";")):
        return None
    return list(dict.fromkeys(int(part) % 360 for part in value.split(";")))


def import_deflock(path) -> str:
    out = io.StringIO()
    call_command("import_cameras", path, stdout=out, stderr=io.StringIO())
    return out.getvalue().strip()


@pytest.mark.django_db
def test_deflocks_61768_alprs_import_once_with_every_listed_direction(shared_data):
    path = shared_data / "osm" / "deflock-alpr-us.json.gz"

    assert import_deflock(path) == "61768 cameras created, 0 updated"

    cameras = Camera.objects.filter(source="osm")
    assert cameras.count() == cameras.filter(surveillance_type="alpr").count() == 61_768
    assert cameras.get(source_id="node/60434388").directions == [355, 175]
    listed = [
        (bearings(tags.get("camera:direction", "")), directions)
        for tags, directions in cameras.values_list("tags", "directions")
    ]
    listed = [(expected, directions) for expected, directions in listed if expected]
    assert len(listed) > 1_500
    assert all(directions == expected for expected, directions in listed)

    assert import_deflock(path) == "0 cameras created, 61768 updated"
    assert cameras.count() == 61_768
