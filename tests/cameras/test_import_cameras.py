import json

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Sum

from cameramap.cameras.models import Camera
from tests.factories import CameraFactory


def import_amnesty(brooklyn):
    call_command(
        "import_cameras",
        brooklyn / "amnesty-decode-intersections.geojson",
        count_field="n_cameras_median",
        source="amnesty-decode",
    )


def total_cameras():
    return Camera.objects.aggregate(total=Sum("count"))["total"] or 0


def point(lon, lat, **properties):
    return {
        "type": "Feature",
        "properties": properties,
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
    }


@pytest.fixture
def geojson(tmp_path):
    def write(features, name="cameras.geojson"):
        path = tmp_path / name
        path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
        return path

    return write


@pytest.mark.django_db
def test_it_imports_the_10448_amnesty_cameras_once(brooklyn):
    import_amnesty(brooklyn)
    assert total_cameras() == 10_448
    # Intersections where the volunteers counted no camera are not cameras.
    assert Camera.objects.count() == 4_662
    assert not Camera.objects.filter(count=0).exists()

    import_amnesty(brooklyn)

    assert total_cameras() == 10_448
    assert Camera.objects.count() == 4_662


@pytest.mark.django_db
def test_it_imports_vocabulary_fields_and_ids_from_geojson(geojson):
    path = geojson(
        [
            point(
                -73.95, 40.65, id="a", camera_type="dome", mount="pole", directions=[90, "180-270"]
            ),
            point(-73.96, 40.66, id="b", surveillance_type="alpr", height_m=4.5, count=2),
        ]
    )

    call_command("import_cameras", path, source="city")

    a, b = Camera.objects.order_by("source_id")
    assert (a.source, a.source_id, a.camera_type, a.mount) == ("city", "a", "dome", "pole")
    assert a.directions == [90, "180-270"]
    assert (b.surveillance_type, b.height_m, b.count) == ("alpr", 4.5, 2)
    assert (a.location.x, a.location.y) == (-73.95, 40.65)


@pytest.mark.django_db
def test_it_imports_a_csv_with_latitude_and_longitude_columns(tmp_path):
    path = tmp_path / "council.csv"
    path.write_text("id,Latitude,Longitude,cameras\n7,40.7,-73.9,3\n8,40.71,-73.91,0\n")

    call_command("import_cameras", path, count_field="cameras")

    camera = Camera.objects.get()
    assert (camera.source, camera.source_id, camera.count) == ("council", "7", 3)
    assert (camera.location.x, camera.location.y) == (-73.9, 40.7)


@pytest.mark.django_db
def test_reimporting_a_file_without_ids_updates_the_same_cameras(geojson):
    path = geojson([point(-73.95, 40.65, count=1), point(-73.95, 40.65, count=2)])
    call_command("import_cameras", path)
    first_ids = sorted(Camera.objects.values_list("id", flat=True))

    call_command("import_cameras", path)

    assert sorted(Camera.objects.values_list("id", flat=True)) == first_ids
    assert total_cameras() == 3


def snapshot():
    return sorted(Camera.objects.values_list("source", "source_id", "count"))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("features", "options", "message"),
    [
        ([point(-200, 40.0)], {}, "longitude -200 is out of range"),
        ([point(-73.9, 95.5)], {}, "latitude 95.5 is out of range"),
        ([point(-73.9, 40.7, n=1)], {"count_field": "cameras"}, "has no 'cameras' property"),
        ([point(-73.9, 40.7, count=-1)], {}, "is not a whole number of cameras"),
        ([point(-73.9, 40.7, count=1.5)], {}, "is not a whole number of cameras"),
        ([point(-73.9, 40.7, camera_type="bullet")], {}, "camera_type 'bullet' is not one of"),
        ([point(-73.9, 40.7, id=1), point(-73.8, 40.7, id=1)], {}, "appears more than once"),
        ([point(-73.9, 40.7), point("x", 40.7)], {}, "longitude 'x' is not a number"),
        ([], {}, "has no features"),
        (
            [
                {
                    "type": "Feature",
                    "properties": {},
                    "geometry": {
                        "type": "Polygon",
                        "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]],
                    },
                }
            ],
            {},
            "is Polygon, not a Point",
        ),
    ],
    ids=[
        "longitude-out-of-range",
        "latitude-out-of-range",
        "unknown-count-field",
        "negative-count",
        "fractional-count",
        "unknown-vocabulary",
        "duplicate-id",
        "bad-coordinate-after-good-rows",
        "empty",
        "polygon-as-camera",
    ],
)
def test_bad_input_fails_in_one_line_and_changes_nothing(geojson, features, options, message):
    CameraFactory(source="test", source_id="kept")
    before = snapshot()

    with pytest.raises(CommandError) as failure:
        call_command("import_cameras", geojson(features), source="test", **options)

    assert message in str(failure.value)
    assert "\n" not in str(failure.value)
    assert snapshot() == before


@pytest.mark.django_db
def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        call_command("import_cameras", tmp_path / "nowhere.geojson")


@pytest.mark.django_db
def test_a_file_that_is_not_json_is_refused(tmp_path):
    path = tmp_path / "broken.geojson"
    path.write_text('{"type": "FeatureCollection", "features": [')

    with pytest.raises(CommandError, match="not readable as GeoJSON"):
        call_command("import_cameras", path)
    assert Camera.objects.count() == 0


@pytest.mark.django_db
def test_a_csv_without_coordinates_lists_its_columns(tmp_path):
    path = tmp_path / "cams.csv"
    path.write_text("id,street\n1,Main St\n")

    with pytest.raises(
        CommandError, match="needs latitude and longitude columns; it has: id, street"
    ):
        call_command("import_cameras", path)


@pytest.mark.django_db
def test_a_file_with_only_zero_counts_is_refused(geojson):
    with pytest.raises(CommandError, match="no cameras in the file"):
        call_command("import_cameras", geojson([point(-73.9, 40.7, count=0)]))
    assert Camera.objects.count() == 0
