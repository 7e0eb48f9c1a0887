import json
import shutil
import subprocess

import pytest
from django.core.management import CommandError, call_command

from cameramap.areas.models import Area
from tests.factories import AreaFactory

SQ_FT_TO_KM2 = 0.09290304 / 1e6


def import_ntas(brooklyn, **options):
    call_command(
        "import_areas",
        brooklyn / "neighbourhoods-nta2010.geojson",
        name_field="ntaname",
        code_field="ntacode",
        **options,
    )


@pytest.fixture
def feature_collection(tmp_path):
    def write(features, name="areas.geojson"):
        path = tmp_path / name
        path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
        return path

    return write


def polygon_feature(code, ring, **properties):
    return {
        "type": "Feature",
        "properties": {"code": code, "name": f"Area {code}", **properties},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


SQUARE = [[-74.0, 40.7], [-73.99, 40.7], [-73.99, 40.71], [-74.0, 40.71], [-74.0, 40.7]]


def snapshot():
    return sorted(Area.objects.values_list("code", "name", "area_km2", "camera_count"))


@pytest.mark.django_db
def test_it_imports_the_51_brooklyn_neighbourhoods_with_their_published_areas(brooklyn):
    import_ntas(brooklyn)

    published = {
        feature["properties"]["ntacode"]: feature["properties"]["shape_area"] * SQ_FT_TO_KM2
        for feature in json.loads((brooklyn / "neighbourhoods-nta2010.geojson").read_text())[
            "features"
        ]
    }
    areas = {area.code: area for area in Area.objects.all()}
    assert len(areas) == 51
    for code, km2 in published.items():
        assert areas[code].area_km2 == pytest.approx(km2, rel=0.005), code
    assert areas["BK40"].name == "Windsor Terrace"
    assert areas["BK40"].slug == "windsor-terrace"


@pytest.mark.django_db
def test_reimporting_updates_by_code_instead_of_duplicating(brooklyn):
    import_ntas(brooklyn)
    Area.objects.filter(code="BK40").update(name="Renamed")

    import_ntas(brooklyn)

    assert Area.objects.count() == 51
    assert Area.objects.get(code="BK40").name == "Windsor Terrace"


@pytest.mark.django_db
def test_it_reprojects_a_geopackage_in_a_projected_crs(feature_collection, tmp_path):
    if not shutil.which("ogr2ogr"):
        pytest.fail("ogr2ogr (gdal-bin) is part of the set-up")
    source = feature_collection([polygon_feature("P1", SQUARE, pop=1200)])
    target = tmp_path / "areas-2263.gpkg"
    subprocess.run(
        ["ogr2ogr", "-f", "GPKG", "-t_srs", "EPSG:2263", "-nln", "hoods", target, source],
        check=True,
    )

    call_command("import_areas", target, population_field="pop", layer="hoods")

    area = Area.objects.get(code="P1")
    assert area.population == 1200
    west, south, east, north = area.geom.extent
    assert (west, south, east, north) == pytest.approx((-74.0, 40.7, -73.99, 40.71), abs=1e-6)
    # 0.01° × 0.01° at 40.7°N: 1.1104 km north-south × 0.8453 km east-west.
    assert area.area_km2 == pytest.approx(0.9386, rel=0.001)


@pytest.mark.django_db
def test_it_repairs_an_invalid_polygon_and_reports_it(feature_collection, capsys):
    bowtie = [[-74.0, 40.7], [-73.99, 40.71], [-73.99, 40.7], [-74.0, 40.71], [-74.0, 40.7]]
    path = feature_collection([polygon_feature("BOW", bowtie), polygon_feature("OK", SQUARE)])

    call_command("import_areas", path)

    captured = capsys.readouterr()
    assert "repaired invalid polygon: BOW" in captured.err
    assert "1 repaired" in captured.out
    repaired = Area.objects.get(code="BOW")
    assert repaired.geom.valid
    assert len(repaired.geom) == 2  # the bow tie becomes its two triangles
    assert Area.objects.filter(code="OK").exists()


@pytest.mark.django_db
def test_a_second_area_with_the_same_name_gets_its_own_slug(feature_collection):
    path = feature_collection(
        [
            polygon_feature("T1", SQUARE, name="Park Slope"),
            polygon_feature("T2", SQUARE, name="Park Slope"),
        ]
    )
    call_command("import_areas", path)

    assert sorted(Area.objects.values_list("slug", flat=True)) == ["park-slope", "park-slope-t2"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("make_input", "options", "message"),
    [
        (lambda fc, tmp: tmp / "missing.geojson", {}, "no such file"),
        (lambda fc, tmp: _write(tmp / "junk.geojson", "this is not geodata"), {}, "GDAL can read"),
        (
            lambda fc, tmp: fc(
                [
                    {
                        "type": "Feature",
                        "properties": {"code": "X"},
                        "geometry": {"type": "Point", "coordinates": [-74, 40.7]},
                    }
                ]
            ),
            {},
            "areas must be polygons",
        ),
        (
            lambda fc, tmp: fc([polygon_feature("A", SQUARE)]),
            {"name_field": "nom"},
            "--name-field 'nom' does not exist; fields are: code, name",
        ),
        (
            lambda fc, tmp: fc([polygon_feature("A", SQUARE)]),
            {"population_field": "people"},
            "--population-field 'people' does not exist",
        ),
        (
            lambda fc, tmp: fc([polygon_feature("A", SQUARE)]),
            {"layer": "nope"},
            "has no layer 'nope'",
        ),
        (
            lambda fc, tmp: fc([polygon_feature("A", SQUARE), polygon_feature("A", SQUARE)]),
            {},
            "code 'A' appears twice",
        ),
        (
            lambda fc, tmp: fc([polygon_feature("A", SQUARE, pop="many")]),
            {"population_field": "pop"},
            "population 'many' is not a number",
        ),
    ],
    ids=[
        "missing-file",
        "unreadable-file",
        "points-as-areas",
        "unknown-name-field",
        "unknown-population-field",
        "unknown-layer",
        "duplicate-code",
        "bad-population",
    ],
)
def test_bad_input_fails_in_one_line_and_changes_nothing(
    feature_collection, tmp_path, make_input, options, message
):
    AreaFactory(code="KEEP", name="Kept")
    before = snapshot()

    with pytest.raises(CommandError) as failure:
        call_command("import_areas", make_input(feature_collection, tmp_path), **options)

    assert message in str(failure.value)
    assert "\n" not in str(failure.value)
    assert snapshot() == before


@pytest.mark.django_db
def test_an_empty_file_is_refused(tmp_path):
    path = _write(tmp_path / "empty.geojson", '{"type": "FeatureCollection", "features": []}')

    with pytest.raises(CommandError, match="has no features"):
        call_command("import_areas", path)
    assert Area.objects.count() == 0


def _write(path, text):
    path.write_text(text)
    return path
