import gzip
import json

import pytest
from django.contrib.gis.geos import Polygon
from django.core.management import call_command
from django.db.models import Sum

from cameramap.cameras.models import Camera

# (bbox, zoom) as a map shows them; the last is a client asking for more than it should.
VIEWS = {
    "the whole USA on a phone": ("-125.0,24.0,-66.9,49.5", 3),
    "the whole USA on a desktop": ("-128.0,20.0,-62.0,52.0", 5),
    "California": ("-124.5,32.5,-114.1,42.0", 6),
    "the whole world": ("-180,-90,180,90", 2),
    "street zoom claimed over the whole USA": ("-125.0,24.0,-66.9,49.5", 19),
}


@pytest.fixture
def deflock(shared_data, tmp_path, db):
    """Every licence plate reader mapped in OpenStreetMap in the USA, imported as GeoJSON."""
    rows = json.loads(
        gzip.decompress((shared_data / "osm" / "deflock-alpr-us.json.gz").read_bytes())
    )
    features = [
        {
            "type": "Feature",
            "id": f"{row['osmType']}/{row['osmId']}",
            "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
            "properties": {"surveillance_type": "alpr"},
        }
        for row in rows
    ]
    path = tmp_path / "deflock.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    call_command("import_cameras", path, source="deflock")
    return len(rows)


def test_the_61768_deflock_cameras_never_make_a_response_of_more_than_5000_features(api, deflock):
    assert deflock == Camera.objects.count() == 61_768

    for view, (bbox, zoom) in VIEWS.items():
        response = api.get("/api/v1/cameras/clusters/", {"bbox": bbox, "zoom": zoom})
        assert response.status_code == 200
        features = response.json()["features"]
        inside = Camera.objects.filter(location__contained=Polygon.from_bbox(bbox.split(",")))
        assert 0 < len(features) <= 5000, view
        assert (
            sum(f["properties"]["count"] for f in features)
            == (inside.aggregate(total=Sum("count"))["total"])
        ), view

    listed = api.get("/api/v1/cameras/", {"bbox": VIEWS["California"][0]}).json()
    assert len(listed["features"]) == 5000
    assert listed["next"]
