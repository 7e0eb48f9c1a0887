"""import_cameras reading OpenStreetMap data: OSM XML, Overpass JSON and DeFlock's array."""

import gzip
import io
import json
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from cameramap.cameras import services
from cameramap.cameras.models import Camera
from cameramap.lib.camera_files import detect_format, read_cameras
from tests.factories import AreaFactory, CameraFactory, square

FIXTURES = Path(__file__).parent / "fixtures"
OSM_XML = FIXTURES / "surveillance.osm"
OVERPASS = FIXTURES / "surveillance.overpass.json"


def imported(path, **options) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_cameras", path, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def camera(source_id: str) -> Camera:
    return Camera.objects.get(source="osm", source_id=source_id)


def described(source_id: str) -> dict:
    """The fields of a camera that differ from what no tag at all would say."""
    found = camera(source_id)
    fields = {
        "surveillance_type": found.surveillance_type,
        "camera_type": found.camera_type,
        "mount": found.mount,
        "zone": found.zone,
        "watches": found.watches,
        "operator_type": found.operator_type,
        "operator": found.operator,
        "face_recognition": found.face_recognition,
        "directions": found.directions,
        "height_m": found.height_m,
    }
    nothing = {
        "surveillance_type": "camera",
        "camera_type": "unknown",
        "mount": "unknown",
        "zone": "unknown",
        "watches": None,
        "operator_type": "unknown",
        "operator": "",
        "face_recognition": "unknown",
        "directions": [],
        "height_m": None,
    }
    return {name: value for name, value in fields.items() if value != nothing[name]}


@pytest.mark.django_db
def test_the_osm_xml_fixture_imports_every_surveillance_element_and_nothing_else():
    out, _ = imported(OSM_XML)

    assert out.strip() == "9 cameras created, 0 updated"
    assert sorted(Camera.objects.values_list("source_id", flat=True)) == [
        "node/1001",
        "node/1002",
        "node/1003",
        "node/1004",
        "node/1005",
        "node/1006",
        "node/1007",
        "relation/600",
        "way/500",
    ]
    assert set(Camera.objects.values_list("source", flat=True)) == {"osm"}


@pytest.mark.django_db
def test_osm_xml_tags_map_to_the_vocabulary():
    imported(OSM_XML)

    assert described("node/1001") == {
        "camera_type": "dome",
        "mount": "wall",
        "zone": "town",
        "watches": "public",
        "operator_type": "police",
        "operator": "NYPD",
        "directions": [45],
        "height_m": 4.0,
    }
    assert described("node/1002") == {
        "surveillance_type": "alpr",
        "mount": "pole",
        "zone": "traffic",
        "operator_type": "government",
        "directions": [45, 225],
        "height_m": pytest.approx(3.9624),
    }
    assert described("node/1003") == {
        "camera_type": "fixed",
        "mount": "street_lamp",
        "zone": "parking",
        "watches": "outdoor",
        "directions": ["90-270"],
    }
    assert described("node/1004") == {
        "mount": "other",
        "zone": "other",
        "watches": "indoor",
        "directions": [338],
        "height_m": pytest.approx(3.81),
    }
    assert described("node/1005") == {"surveillance_type": "guard", "directions": [135]}
    assert described("node/1006") == {
        "surveillance_type": "gunshot_detector",
        "directions": [0, 120, 240, "350-10"],
    }
    assert described("node/1007") == {
        "operator_type": "business",
        "operator": "Acme Stores",
        "face_recognition": "yes",
        "directions": [23],
    }


@pytest.mark.django_db
def test_ways_and_relations_are_placed_at_the_centre_of_their_nodes():
    imported(OSM_XML)

    way, relation = camera("way/500"), camera("relation/600")

    assert (way.location.x, way.location.y) == pytest.approx((-73.979, 40.7005))
    assert (relation.location.x, relation.location.y) == pytest.approx((-73.968, 40.711))
    assert (way.mount, way.zone, relation.zone) == ("ceiling", "shop", "bank")


@pytest.mark.django_db
def test_the_raw_tags_and_the_osm_version_are_kept_on_the_camera():
    imported(OSM_XML)

    tags = camera("node/1004").tags

    assert tags["camera:mount"] == "bridge"
    assert tags["surveillance:zone"] == "nesting_site"
    assert tags["height"] == "12'6\""
    assert (tags["@version"], tags["@lat"], tags["@lon"]) == ("2", "40.6904000", "-73.9904000")


@pytest.mark.django_db
def test_values_it_cannot_read_are_reported_and_left_out():
    _, err = imported(OSM_XML)

    assert "2 tag values could not be read" in err
    assert "camera:direction='NB'" in err
    assert "height='tall'" in err
    assert camera("node/1006").height_m is None


@pytest.mark.django_db
def test_the_overpass_fixture_imports_centres_bounds_and_geometries():
    out, err = imported(OVERPASS)

    assert out.strip() == "8 cameras created, 0 updated"
    assert "camera:direction='forward'" in err
    centre, bounds, geometry = camera("way/700"), camera("way/701"), camera("way/702")
    assert (centre.location.x, centre.location.y) == pytest.approx((-73.985, 40.685))
    assert (bounds.location.x, bounds.location.y) == pytest.approx((-73.9865, 40.687))
    assert (geometry.location.x, geometry.location.y) == pytest.approx((-73.989, 40.691))
    assert camera("relation/800").zone == "shop"


@pytest.mark.django_db
def test_overpass_tags_map_to_the_vocabulary():
    imported(OVERPASS)

    assert described("node/3001") == {
        "camera_type": "panning",
        "mount": "traffic_signal",
        "zone": "public_transport",
        "watches": "public",
        "operator_type": "transport",
        "operator": "MTA",
        "directions": [270],
        "height_m": 6.5,
    }
    assert described("node/3002") == {
        "surveillance_type": "alpr",
        "mount": "street_lamp",
        "zone": "town",
        "directions": ["328-13"],
        "height_m": 4.5,
    }
    assert described("node/3003") == {
        "mount": "doorbell",
        "zone": "entrance",
        "operator_type": "private",
        "face_recognition": "no",
        "directions": [340, "0-90", "0-359"],
    }
    # Overpass without `out meta` gives no version: nothing to send changes back with.
    assert "@version" not in camera("node/3004").tags
    assert camera("node/3001").tags["@version"] == "5"


@pytest.mark.django_db
def test_reimporting_updates_the_same_cameras_instead_of_duplicating():
    imported(OSM_XML)
    ids = dict(Camera.objects.values_list("source_id", "id"))

    out, _ = imported(OSM_XML)

    assert out.strip() == "0 cameras created, 9 updated"
    assert dict(Camera.objects.values_list("source_id", "id")) == ids


@pytest.mark.django_db
def test_imported_cameras_count_in_their_area():
    area = AreaFactory(geom=square(-74.00, 40.68, size=0.02))

    imported(OSM_XML)

    area.refresh_from_db()
    assert area.camera_count == 7
    assert camera("node/1001").area == area


@pytest.mark.django_db
def test_a_gzipped_osm_file_imports_the_same(tmp_path):
    path = tmp_path / "city.osm.gz"
    path.write_bytes(gzip.compress(OSM_XML.read_bytes()))

    out, _ = imported(path)

    assert out.strip() == "9 cameras created, 0 updated"


def test_it_tells_overpass_json_deflock_and_geojson_apart_by_content(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps({"type": "FeatureCollection", "features": []}))
    (tmp_path / "b.json.gz").write_bytes(gzip.compress(b'[{"osmId": 1}]'))
    shutil.copy(OVERPASS, tmp_path / "c.json")

    formats = [detect_format(tmp_path / name) for name in ("a.json", "b.json.gz", "c.json")]

    assert formats == ["geojson", "deflock", "overpass"]
    assert detect_format(OSM_XML) == "osm"


@pytest.mark.django_db
def test_the_source_can_be_named(tmp_path):
    imported(OSM_XML, source="osm-brooklyn")

    assert set(Camera.objects.values_list("source", flat=True)) == {"osm-brooklyn"}


def deflock_file(tmp_path, items, name="alpr.json.gz") -> Path:
    path = tmp_path / name
    path.write_bytes(gzip.compress(json.dumps(items).encode()))
    return path


@pytest.mark.django_db
def test_a_deflock_item_becomes_an_alpr_with_each_direction(tmp_path):
    path = deflock_file(
        tmp_path,
        [
            {
                "osmId": 60434388,
                "osmType": "node",
                "lat": 43.0851792,
                "lon": -71.473617,
                "operator": "New Hampshire Bureau of Turnpikes",
                "brand": "Flock Safety",
                "direction": 355.0,
                "directionCardinal": "355;175",
                "surveillanceZone": "traffic",
                "mountType": "pole",
            },
            {"osmId": 7, "osmType": "way", "lat": 40.1, "lon": -70.2, "direction": 90},
        ],
    )

    imported(path, format="deflock")

    node, way = camera("node/60434388"), camera("way/7")
    assert (node.surveillance_type, node.directions) == ("alpr", [355, 175])
    assert (node.mount, node.zone, node.operator) == ("pole", "traffic", node.tags["operator"])
    assert node.tags["manufacturer"] == "Flock Safety"
    assert (way.surveillance_type, way.directions) == ("alpr", [90])


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"<osm version='0.6'><node id='1' lat='1' lon='1'>", "not readable as OSM XML"),
        (b"<gpx version='1.1'></gpx>", "not OSM XML (the root is <gpx>)"),
        (
            b"<osm><node id='x' lat='1' lon='1'><tag k='man_made' v='surveillance'/></node></osm>",
            "id 'x' is not a number",
        ),
        (
            b"<osm><node id='1' lat='1' lon='200'><tag k='man_made' v='surveillance'/></node>"
            b"</osm>",
            "longitude '200' is out of range",
        ),
        (b"<osm><node id='1' lat='1' lon='2'/></osm>", "no element tagged man_made=surveillance"),
    ],
    ids=["truncated", "not-osm", "bad-id", "bad-longitude", "no-cameras"],
)
@pytest.mark.django_db
def test_a_bad_osm_file_fails_in_one_line_and_changes_nothing(tmp_path, content, message):
    CameraFactory(source="osm", source_id="node/5")
    path = tmp_path / "bad.osm"
    path.write_bytes(content)

    with pytest.raises(CommandError) as failure:
        imported(path)

    assert message in str(failure.value)
    assert "\n" not in str(failure.value)
    assert list(Camera.objects.values_list("source_id", flat=True)) == ["node/5"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bad.json", b'{"elements": 5}', 'not Overpass JSON (no "elements" list)'),
        ("bad.json", b'{"elements": [{"type": "area"}]', "not readable as Overpass JSON"),
        ("bad.json.gz", gzip.compress(b'[{"osmId": 1, "osmType": "node", '), "not a DeFlock"),
        ("bad.json.gz", gzip.compress(b'[{"osmType": "tag"}]'), "has no osmType of node"),
    ],
    ids=["no-elements", "truncated-overpass", "truncated-deflock", "deflock-not-an-element"],
)
@pytest.mark.django_db
def test_a_bad_json_file_fails_in_one_line_and_changes_nothing(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    fmt = "deflock" if name.endswith(".gz") else "overpass"

    with pytest.raises(CommandError, match="^[^\n]*$") as failure:
        imported(path, format=fmt)

    assert message in str(failure.value)
    assert Camera.objects.count() == 0


def test_the_deflock_reader_streams_the_array_item_by_item(tmp_path):
    items = [{"osmId": n, "osmType": "node", "lat": 40.0, "lon": -73.0} for n in range(1, 5000)]
    whole = json.dumps(items).encode()
    # Cut off in the middle: a reader that loads the whole array first gets nothing at all.
    path = tmp_path / "cut.json.gz"
    path.write_bytes(gzip.compress(whole[: len(whole) // 2]))

    records = read_cameras(path, fmt="deflock")

    assert [next(records).source_id for _ in range(3)] == ["node/1", "node/2", "node/3"]


@pytest.mark.django_db
def test_count_and_id_fields_do_not_apply_to_osm_data():
    with pytest.raises(CommandError, match="do not apply to OSM data"):
        imported(OSM_XML, count_field="n")


@pytest.mark.django_db
def test_an_id_repeated_in_another_batch_is_refused_and_changes_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(services, "BATCH_SIZE", 2)
    items = [{"osmId": n, "osmType": "node", "lat": 40.0, "lon": -73.0} for n in (1, 2, 3, 1)]

    with pytest.raises(CommandError, match="1 camera ids appear more than once"):
        imported(deflock_file(tmp_path, items))

    assert Camera.objects.count() == 0
