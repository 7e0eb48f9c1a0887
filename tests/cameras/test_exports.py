import csv
import io
import json
from datetime import date

import pytest
from django.contrib.gis.geos import Point
from django.core.management import CommandError, call_command

from cameramap.areas.models import Area
from cameramap.cameras.models import Camera
from cameramap.cameras.services import camera_create
from cameramap.db import PointX, PointY
from tests.factories import AreaFactory, CameraFactory, square

CAMERA_FIELDS = [
    "surveillance_type",
    "camera_type",
    "mount",
    "zone",
    "watches",
    "operator_type",
    "operator",
    "face_recognition",
    "directions",
    "height_m",
    "count",
    "confirmations",
    "first_reported",
    "last_confirmed",
]
AREA_FIGURES = [
    "name",
    "population",
    "area_km2",
    "camera_count",
    "density_per_km2",
    "per_1000_residents",
    "rank",
]


def cameras_now():
    rows = (
        Camera.objects.public()
        .annotate(lon=PointX("location"), lat=PointY("location"))
        .values_list("lon", "lat", *CAMERA_FIELDS, "area__code")
    )
    return sorted(json.dumps(row, default=str) for row in rows)


def figures_now():
    return {code: values for code, *values in Area.objects.values_list("code", *AREA_FIGURES)}


def export(tmp_path, name, **options):
    path = tmp_path / name
    call_command("export_cameras", output=path, **options)
    return path


@pytest.fixture
def brooklyn_data(brooklyn, db):
    call_command(
        "import_areas",
        brooklyn / "neighbourhoods-nta2010.geojson",
        name_field="ntaname",
        code_field="ntacode",
    )
    Area.objects.filter(code="BK09").update(population=12_345)
    call_command(
        "import_cameras",
        brooklyn / "amnesty-decode-intersections.geojson",
        count_field="n_cameras_median",
        source="amnesty-decode",
    )
    # Every kind of value a camera can hold, including text that CSV must quote.
    camera_create(
        location=Point(-73.9912345678901, 40.6912345678901, srid=4326),
        surveillance_type="alpr",
        camera_type="fixed",
        mount="street_lamp",
        zone="traffic",
        watches="public",
        operator_type="police",
        operator='NYPD "Domain Awareness", Unit 7\nBrooklyn — 纽约',
        face_recognition="yes",
        directions=[0, 359, "350-10"],
        height_m=4.25,
        count=3,
        confirmations=2,
        first_reported=date(2024, 2, 29),
        last_confirmed=date(2026, 1, 31),
    )
    camera_create(location=Point(-73.95, 40.65, srid=4326), camera_type="dome", height_m=0.0)
    CameraFactory(location=Point(-73.96, 40.66, srid=4326), status="removed")


@pytest.mark.parametrize("fmt", ["geojson", "csv"])
def test_export_then_reimport_into_an_empty_database_reproduces_every_camera_and_figure(
    brooklyn_data, tmp_path, fmt
):
    cameras_file = export(tmp_path, f"cameras.{fmt}", format=fmt)
    areas_file = export(tmp_path, "areas.geojson", format="geojson", areas=True)
    cameras, figures = cameras_now(), figures_now()
    assert len(cameras) == 4_664
    assert sum(f[3] for f in figures.values()) == 10_452

    Camera.objects.all().delete()
    Area.objects.all().delete()
    call_command(
        "import_areas",
        areas_file,
        name_field="name",
        code_field="code",
        population_field="population",
    )
    call_command("import_cameras", cameras_file)

    assert cameras_now() == cameras
    assert figures_now() == figures


def test_the_geojson_export_carries_the_licence_a_stamp_and_the_public_properties(db, tmp_path):
    AreaFactory(slug="here", geom=square(-74.00, 40.70))
    camera = camera_create(location=Point(-73.995, 40.705, srid=4326))

    document = json.loads(export(tmp_path, "c.geojson", format="geojson").read_text())

    assert document["license"] == "ODbL-1.0"
    assert document["generated_at"].startswith(str(date.today().year))
    (feature,) = document["features"]
    assert feature["id"] == camera.pk
    assert feature["properties"]["area"] == "here"
    assert feature["properties"]["photo"] is None
    assert set(feature["properties"]) == {
        "id", "surveillance_type", "camera_type", "mount", "zone", "watches",
        "operator_type", "operator", "face_recognition", "directions", "height_m", "count",
        "confirmations", "first_reported", "last_confirmed", "photo", "area",
    }  # fmt: skip


def test_the_csv_export_has_a_row_per_public_camera_with_licence_and_stamp(db, tmp_path):
    CameraFactory(directions=[90, "180-270"])
    CameraFactory(status="removed")

    rows = list(csv.DictReader(io.StringIO(export(tmp_path, "c.csv", format="csv").read_text())))

    (row,) = rows
    assert row["directions"] == "90;180-270"
    assert row["license"] == "ODbL-1.0"
    assert row["generated_at"]
    assert (row["longitude"], row["latitude"]) == ("-73.985", "40.695")


def test_the_areas_export_lists_every_area_densest_first_with_its_figures(db, tmp_path):
    AreaFactory(slug="quiet", code="Q", geom=square(-74.00, 40.70))
    AreaFactory(slug="busy", code="B", geom=square(-73.99, 40.70), population=100)
    camera_create(location=Point(-73.985, 40.705, srid=4326), count=2)

    path = export(tmp_path, "a.geojson", format="geojson", areas=True)

    features = json.loads(path.read_text())["features"]
    assert [f["id"] for f in features] == ["busy", "quiet"]
    assert features[0]["properties"]["per_1000_residents"] == 20.0
    assert features[0]["geometry"]["type"] == "MultiPolygon"


def test_without_output_the_export_goes_to_standard_output(db, capsys):
    CameraFactory()

    call_command("export_cameras", format="geojson")

    assert len(json.loads(capsys.readouterr().out)["features"]) == 1


def test_areas_are_exported_as_geojson_only(db, tmp_path):
    with pytest.raises(CommandError, match="GeoJSON only"):
        call_command("export_cameras", format="csv", areas=True, output=tmp_path / "a.csv")

    assert list(tmp_path.iterdir()) == []


def test_an_export_into_a_missing_directory_fails_in_one_line_and_writes_nothing(db, tmp_path):
    with pytest.raises(CommandError, match="no such directory"):
        call_command("export_cameras", format="csv", output=tmp_path / "nowhere" / "c.csv")

    assert list(tmp_path.iterdir()) == []
