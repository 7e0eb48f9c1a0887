"""OSM tags <-> CameraMap's vocabulary (cameramap.lib.osm): pure functions, no database."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cameramap.lib.osm import (
    fields_from_tags,
    parse_height,
    parse_osm_directions,
    tags_for_camera,
)
from cameramap.lib.vocabulary import VOCABULARY


@pytest.mark.parametrize(
    ("value", "directions"),
    [
        ("45", [45]),
        ("45.4", [45]),
        ("22.5", [23]),
        ("360", [0]),
        ("-20", [340]),
        ("080", [80]),
        ("N", [0]),
        ("ne", [45]),
        ("NNW", [338]),
        ("WSW", [248]),
        ("90-270", ["90-270"]),
        ("328-13", ["328-13"]),
        ("N-E", ["0-90"]),
        ("0-360", ["0-359"]),
        ("355;175", [355, 175]),
        ("355; 175 ;", [355, 175]),
        ("90,125,270", [90, 125, 270]),
        ("0;120;240;350-10", [0, 120, 240, "350-10"]),
        ("45;NE", [45]),
    ],
)
def test_it_reads_every_form_of_camera_direction(value, directions):
    assert parse_osm_directions(value) == (directions, [])


@pytest.mark.parametrize(
    ("value", "directions", "unreadable"),
    [
        ("NB", [], ["NB"]),
        ("forward", [], ["forward"]),
        ("90;both", [90], ["both"]),
        ("280WY39-J963-T96Q", [], ["280WY39-J963-T96Q"]),
        ("1000", [], ["1000"]),
    ],
)
def test_it_leaves_out_directions_it_cannot_read_and_says_which(value, directions, unreadable):
    assert parse_osm_directions(value) == (directions, unreadable)


def test_more_than_sixteen_directions_keep_the_first_sixteen():
    directions, unreadable = parse_osm_directions(";".join(str(n) for n in range(0, 180, 10)))

    assert directions == list(range(0, 160, 10))
    assert unreadable == ["160", "170"]


@pytest.mark.parametrize(
    ("value", "metres"),
    [
        ("4", 4.0),
        ("4.5", 4.5),
        ("4,5", 4.5),
        ("4 m", 4.0),
        ("4m", 4.0),
        ("4.5 metres", 4.5),
        ("13 ft", 13 * 0.3048),
        ("10'", 10 * 0.3048),
        ("12'6\"", 12.5 * 0.3048),
        ("0", 0.0),
        ("100", 100.0),
    ],
)
def test_it_reads_heights_in_metres_and_feet(value, metres):
    assert parse_height(value) == pytest.approx(metres)


@pytest.mark.parametrize("value", ["tall", "-2", "101", "4 km", "", "nan"])
def test_a_height_it_cannot_read_or_out_of_range_is_none(value):
    assert parse_height(value) is None


def test_missing_tags_mean_the_vocabularys_defaults():
    fields = fields_from_tags({"man_made": "surveillance"}).fields

    assert fields == {
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


def test_values_without_a_word_in_the_vocabulary_become_other_or_unknown():
    tags = {
        "camera:type": "bullet",
        "camera:mount": "tree",
        "surveillance:zone": "nesting_site",
        "surveillance": "yes",
        "operator:type": "religious",
        "surveillance:face_recognition": "maybe",
    }

    fields = fields_from_tags(tags).fields

    assert (fields["camera_type"], fields["mount"], fields["zone"]) == (
        "unknown",
        "other",
        "other",
    )
    assert (fields["watches"], fields["operator_type"], fields["face_recognition"]) == (
        None,
        "unknown",
        "unknown",
    )


def test_tags_of_an_unchanged_camera_are_its_original_tags_whatever_their_spelling():
    original = {
        "man_made": "surveillance",
        "surveillance:type": "ALPR",
        "camera:mount": "bridge",
        "camera:direction": "NE;SW",
        "height": "13 ft",
        "operator:type": "private",
        "name": "Gate 4",
    }
    fields = fields_from_tags(original).fields

    assert tags_for_camera(fields, original) == original


def test_only_the_tags_of_changed_fields_are_rewritten():
    original = {
        "man_made": "surveillance",
        "camera:mount": "bridge",
        "direction": "NE",
        "height": "13 ft",
    }
    fields = fields_from_tags(original).fields | {"directions": [90, "180-270"], "height_m": None}

    assert tags_for_camera(fields, original) == {
        "man_made": "surveillance",
        "camera:mount": "bridge",
        "camera:direction": "90;180-270",
    }


def test_metadata_kept_among_the_tags_is_never_written():
    original = {"man_made": "surveillance", "@version": "3", "@lat": "1.0", "@lon": "2.0"}

    assert tags_for_camera(fields_from_tags(original).fields, original) == {
        "man_made": "surveillance"
    }


def _vocabulary(name):
    return st.sampled_from(list(VOCABULARY[name].values))


DIRECTION = st.one_of(
    st.integers(0, 359),
    st.tuples(st.integers(0, 359), st.integers(0, 359))
    .filter(lambda pair: pair[0] != pair[1])
    .map(lambda pair: f"{pair[0]}-{pair[1]}"),
)
CAMERA_FIELDS = st.fixed_dictionaries(
    {
        "surveillance_type": _vocabulary("surveillance_type"),
        "camera_type": _vocabulary("camera_type"),
        "mount": _vocabulary("mount"),
        "zone": _vocabulary("zone"),
        "watches": st.one_of(st.none(), _vocabulary("watches")),
        "operator_type": _vocabulary("operator_type"),
        "operator": st.text(
            st.characters(codec="utf-8", exclude_categories=["C"]), max_size=40
        ).map(str.strip),
        "face_recognition": _vocabulary("face_recognition"),
        "directions": st.lists(DIRECTION, max_size=16, unique=True),
        "height_m": st.one_of(st.none(), st.floats(0, 100, allow_nan=False, allow_infinity=False)),
    }
)
ORIGINAL_TAGS = st.dictionaries(
    st.sampled_from(
        [
            "surveillance:type",
            "camera:type",
            "camera:mount",
            "surveillance:zone",
            "surveillance",
            "operator",
            "operator:type",
            "camera:direction",
            "direction",
            "height",
            "surveillance:face_recognition",
        ]
    ),
    st.sampled_from(["camera", "ALPR", "dome", "pole", "bridge", "town", "NE", "4 m", "x", "no"]),
)


@settings(max_examples=300, derandomize=True, database=None)
@given(fields=CAMERA_FIELDS, original=ORIGINAL_TAGS)
def test_reading_the_tags_written_for_a_camera_gives_its_fields_back(fields, original):
    assert fields_from_tags(tags_for_camera(fields, original)).fields == fields
