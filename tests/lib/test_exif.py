"""Reading GPS and orientation from EXIF blocks as broken as the ones phones and editors write."""

import pytest
from PIL import Image
from PIL.TiffImagePlugin import IFDRational

from cameramap.lib import exif


def exif_with(gps: dict | None = None, **tags) -> Image.Exif:
    """An EXIF block written to bytes and read back, as it would come out of a file."""
    block = Image.Exif()
    if gps is not None:
        block[exif.GPS_IFD_TAG] = gps
    for tag, value in tags.items():
        block[int(tag.removeprefix("tag_"), 16)] = value
    loaded = Image.Exif()
    loaded.load(block.tobytes())
    return loaded


SYDNEY = {1: "S", 2: (33.0, 51.0, 30.96), 3: "E", 4: (151.0, 12.0, 0.0)}


def test_south_and_west_are_negative():
    fix = exif.gps(exif_with({**SYDNEY, 3: "W"}))

    assert fix == exif.GpsFix(latitude=-33.8586, longitude=-151.2)


def test_decimal_minutes_without_seconds_are_read():
    fix = exif.gps(exif_with({1: "N", 2: (43.0, 47.135666), 3: "E", 4: (11.0, 14.077166)}))

    assert fix.latitude == pytest.approx(43.785594, abs=1e-6)


@pytest.mark.parametrize(
    "gps",
    [
        {},
        {1: "N", 2: (0.0, 0.0, 0.0), 3: "E", 4: (0.0, 0.0, 0.0)},  # "no fix" written as 0,0
        {**SYDNEY, 9: "V"},  # the receiver said the measurement is void
        {**SYDNEY, 1: "Q"},  # no such hemisphere
        {**SYDNEY, 2: (95.0, 0.0, 0.0)},  # beyond the pole
        {**SYDNEY, 2: (33.0, 75.0, 0.0)},  # 75 minutes
        {**SYDNEY, 2: (IFDRational(33, 0), 0.0, 0.0)},  # zero denominator
        {1: "S", 2: (33.0, 51.0, 30.96)},  # no longitude
    ],
)
def test_an_unusable_gps_block_gives_no_position(gps):
    assert exif.gps(exif_with(gps)) is None


def test_a_reference_written_as_bytes_with_padding_is_understood():
    fix = exif.gps(exif_with({**SYDNEY, 1: "S\x00 "}))

    assert fix.latitude < 0


def test_no_exif_at_all_gives_no_position_and_upright():
    block = exif.read_exif(Image.new("RGB", (4, 4)))

    assert exif.gps(block) is None
    assert exif.orientation(block) == 1


@pytest.mark.parametrize(("value", "expected"), [(6, 6), (0, 1), (9, 1), (300, 1)])
def test_orientation_outside_1_to_8_means_upright(value, expected):
    assert exif.orientation(exif_with(tag_0112=value)) == expected


def test_every_reference_photo_with_broken_exif_is_read_without_error(photos):
    for path in [*(photos / "tests").iterdir(), *(photos / "invalid").glob("*.jpg")]:
        with Image.open(path) as image:
            block = exif.read_exif(image)
            exif.gps(block)
            assert 1 <= exif.orientation(block) <= 8
