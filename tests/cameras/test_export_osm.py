"""export_cameras --format osm: OSM XML that JOSM opens, with only the changes marked."""

import io
import xml.etree.ElementTree as ET
from itertools import cycle, islice
from pathlib import Path

import osmium
import pytest
from django.contrib.gis.geos import Point
from django.core.management import call_command

from cameramap.cameras.models import Camera
from cameramap.cameras.services import camera_create
from cameramap.lib.osm import FIELDS
from cameramap.lib.vocabulary import VOCABULARY
from tests.cameras.test_import_osm import OSM_XML
from tests.factories import CameraFactory

WRITTEN_KEYS = {
    "man_made",
    "surveillance:type",
    "camera:type",
    "camera:mount",
    "surveillance:zone",
    "surveillance",
    "operator",
    "operator:type",
    "surveillance:face_recognition",
    "camera:direction",
    "height",
    "source",
}


def export(path: Path) -> str:
    err = io.StringIO()
    call_command("export_cameras", format="osm", output=path, stderr=err)
    return err.getvalue()


def nodes(path: Path) -> dict[int, osmium.osm.Node]:
    """The file's nodes by id, as osmium (libosmium's parser) reads them."""
    found = {}
    for node in osmium.FileProcessor(str(path)):
        found[node.id] = {
            "version": node.version,
            "lon": node.location.lon,
            "lat": node.location.lat,
            "tags": dict(node.tags),
        }
    return found


def actions(path: Path) -> dict[int, str | None]:
    return {int(n.get("id")): n.get("action") for n in ET.parse(path).getroot().iter("node")}  # noqa: S314


def import_osm_fixture():
    call_command("import_cameras", OSM_XML, stdout=io.StringIO(), stderr=io.StringIO())


@pytest.mark.django_db
def test_a_surveyed_camera_becomes_a_new_node_with_its_tags_and_source_survey(tmp_path):
    surveyed = camera_create(
        location=Point(-73.95, 40.65, srid=4326),
        surveillance_type="alpr",
        camera_type="fixed",
        mount="pole",
        zone="traffic",
        watches="public",
        operator_type="police",
        operator="NYPD",
        directions=[90, "180-270"],
        height_m=4.5,
    )
    path = tmp_path / "out.osm"

    summary = export(path)

    assert nodes(path) == {
        -surveyed.pk: {
            "version": 0,
            "lon": -73.95,
            "lat": 40.65,
            "tags": {
                "man_made": "surveillance",
                "surveillance:type": "ALPR",
                "camera:type": "fixed",
                "camera:mount": "pole",
                "surveillance:zone": "traffic",
                "surveillance": "public",
                "operator:type": "police",
                "operator": "NYPD",
                "camera:direction": "90;180-270",
                "height": "4.5",
                "source": "survey",
            },
        }
    }
    assert summary.startswith("1 new, 0 modified, 0 unchanged OSM nodes")


@pytest.mark.django_db
def test_nothing_personal_and_no_metadata_reaches_the_file(tmp_path):
    camera_create(location=Point(-73.95, 40.65, srid=4326), face_recognition="yes")
    import_osm_fixture()
    path = tmp_path / "out.osm"

    export(path)

    root = ET.parse(path).getroot()  # noqa: S314
    for node in root.iter("node"):
        assert set(node.attrib) <= {"id", "version", "action", "visible", "lat", "lon"}
    new = [node for node in root.iter("node") if int(node.get("id")) < 0]
    assert {tag.get("k") for node in new for tag in node.iter("tag")} <= WRITTEN_KEYS


@pytest.mark.django_db
def test_an_unchanged_osm_camera_goes_back_exactly_as_it_came(tmp_path):
    import_osm_fixture()
    path = tmp_path / "out.osm"

    summary = export(path)

    written = nodes(path)
    assert written[1004] == {
        "version": 2,
        "lon": -73.9904,
        "lat": 40.6904,
        "tags": {
            "man_made": "surveillance",
            "camera:type": "bullet",
            "camera:direction": "NNW",
            "camera:mount": "bridge",
            "surveillance:zone": "nesting_site",
            "surveillance": "indoor",
            "height": "12'6\"",
        },
    }
    assert set(actions(path).values()) == {None}
    assert summary.startswith("0 new, 0 modified, 7 unchanged OSM nodes")
    assert "2 OSM ways or relations" in summary


@pytest.mark.django_db
def test_a_changed_osm_camera_is_marked_modified_with_only_that_tag_changed(tmp_path):
    import_osm_fixture()
    Camera.objects.filter(source_id="node/1004").update(camera_type="dome", directions=[90])
    path = tmp_path / "out.osm"

    summary = export(path)

    assert actions(path)[1004] == "modify"
    assert {key for key, value in actions(path).items() if value} == {1004}
    assert nodes(path)[1004]["tags"] == {
        "man_made": "surveillance",
        "camera:type": "dome",
        "camera:direction": "90",
        "camera:mount": "bridge",
        "surveillance:zone": "nesting_site",
        "surveillance": "indoor",
        "height": "12'6\"",
    }
    assert nodes(path)[1004]["version"] == 2
    assert summary.startswith("0 new, 1 modified, 6 unchanged")


@pytest.mark.django_db
def test_a_moved_osm_camera_is_marked_modified_at_its_new_place(tmp_path):
    import_osm_fixture()
    Camera.objects.filter(source_id="node/1001").update(
        location=Point(-73.99, 40.69001, srid=4326)
    )
    path = tmp_path / "out.osm"

    export(path)

    assert actions(path)[1001] == "modify"
    assert (nodes(path)[1001]["lon"], nodes(path)[1001]["lat"]) == (-73.99, 40.69001)


@pytest.mark.django_db
def test_what_cannot_or_may_not_go_to_osm_is_left_out_and_counted(tmp_path):
    CameraFactory(source="osm", source_id="node/77", tags={"man_made": "surveillance"})
    CameraFactory(source="osm", source_id="way/78", tags={"@version": "2"})
    CameraFactory(source="amnesty-decode", source_id="a1")
    confirmed = CameraFactory(source="amnesty-decode", source_id="a2", confirmations=1)
    CameraFactory(source="cameramap", source_id=None, status="removed")
    path = tmp_path / "out.osm"

    summary = export(path)

    assert list(nodes(path)) == [-confirmed.pk]
    assert "1 from OSM without a version" in summary
    assert "1 OSM ways or relations" in summary
    assert "1 imported cameras no volunteer has confirmed" in summary


@pytest.mark.django_db
def test_with_all_every_public_camera_is_written_for_reading_not_uploading(tmp_path):
    unversioned = CameraFactory(source="osm", source_id="node/77", tags={})
    way = CameraFactory(source="osm", source_id="way/78", tags={"@version": "2"})
    unconfirmed = CameraFactory(source="amnesty-decode", source_id="a1", camera_type="dome")
    CameraFactory(source="cameramap", source_id=None, status="removed")
    path = tmp_path / "everything.osm"

    call_command("export_cameras", format="osm", all=True, output=path, stderr=io.StringIO())

    written = nodes(path)
    assert set(written) == {77, -way.pk, -unconfirmed.pk}
    assert written[77]["tags"]["man_made"] == "surveillance"
    assert written[-unconfirmed.pk]["tags"]["source"] == "amnesty-decode"
    assert written[-unconfirmed.pk]["tags"]["camera:type"] == "dome"
    assert unversioned.pk not in written


def every_value(name: str, count: int) -> list:
    values = list(VOCABULARY[name].values)
    if name == "watches":
        values.append(None)
    return list(islice(cycle(values), count))


@pytest.mark.django_db
def test_export_then_import_into_an_empty_database_gives_the_same_cameras(tmp_path):
    import_osm_fixture()
    Camera.objects.filter(source_id="node/1002").update(mount="doorbell", height_m=None)
    Camera.objects.filter(source_id="node/1005").update(operator='Ünïcødé & <Co> "Ltd"')
    count = 10
    columns = {name: every_value(name, count) for name in VOCABULARY}
    directions = [[], [0], [45, "90-270"], ["350-10"], list(range(0, 360, 23)), [359]]
    heights = [None, 0.0, 4.5, 100.0, 3.81, 12.345678]
    for index in range(count):
        camera_create(
            location=Point(-73.9 - index / 1000, 40.6 + index / 1000, srid=4326),
            operator=["", "NYPD", 'Acme; "Stores"'][index % 3],
            directions=directions[index % len(directions)],
            height_m=heights[index % len(heights)],
            **{name: values[index] for name, values in columns.items()},
        )
    path = tmp_path / "out.osm"
    export(path)
    written = nodes(path)  # osmium parses it without error
    assert len(written) == 7 + count

    def snapshot() -> dict:
        cameras = {}
        for camera in Camera.objects.all():
            osm_id = camera.source_id if camera.source == "osm" else f"node/-{camera.pk}"
            cameras[osm_id] = (
                {name: getattr(camera, name) for name in FIELDS},
                (round(camera.location.x, 7), round(camera.location.y, 7)),
            )
        return cameras

    exported = {key: value for key, value in snapshot().items() if key.startswith("node/")}
    Camera.objects.all().delete()
    call_command("import_cameras", path, stdout=io.StringIO(), stderr=io.StringIO())

    assert snapshot() == exported


@pytest.mark.django_db
def test_without_output_the_file_goes_to_standard_output(tmp_path):
    camera_create(location=Point(-73.95, 40.65, srid=4326))
    out = io.StringIO()

    call_command("export_cameras", format="osm", stdout=out, stderr=io.StringIO())

    assert out.getvalue().startswith("<?xml version='1.0' encoding='UTF-8'?>\n<osm version='0.6'")
    assert out.getvalue().endswith("</osm>\n")


@pytest.mark.django_db
def test_moderators_download_the_file(client, moderator, tmp_path):
    surveyed = camera_create(location=Point(-73.95, 40.65, srid=4326))
    client.force_login(moderator)

    response = client.get("/review/export.osm")

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="cameramap-')
    path = tmp_path / "download.osm"
    path.write_bytes(b"".join(response.streaming_content))
    assert list(nodes(path)) == [-surveyed.pk]


@pytest.mark.django_db
def test_volunteers_may_not_download_it(client, volunteer):
    client.force_login(volunteer)

    assert client.get("/review/export.osm").status_code == 403


@pytest.mark.django_db
def test_strangers_are_asked_to_sign_in(client):
    response = client.get("/review/export.osm")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/review/export.osm")
