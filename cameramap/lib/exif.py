"""Read the little we need from a photo's EXIF (orientation, GPS), never trusting its shape.

EXIF blocks in the wild are broken in every possible way: wrong types, empty strings, zero
denominators, offsets past the end. Nothing here raises; a value that cannot be read is None.
"""

import math
from dataclasses import dataclass
from numbers import Real

from PIL import Image

ORIENTATION_TAG = 0x0112
GPS_IFD_TAG = 0x8825
GPS_STATUS = 9
GPS_LATITUDE_REF, GPS_LATITUDE = 1, 2
GPS_LONGITUDE_REF, GPS_LONGITUDE = 3, 4


@dataclass(frozen=True)
class GpsFix:
    latitude: float
    longitude: float


def read_exif(image: Image.Image) -> Image.Exif:
    """The image's EXIF, or an empty one when the block cannot be parsed."""
    try:
        return image.getexif()
    except Exception:  # any parser failure means "no EXIF"
        return Image.Exif()


def orientation(exif: Image.Exif) -> int:
    """The EXIF Orientation (1-8); 1 (upright) when absent or nonsense."""
    try:
        value = exif.get(ORIENTATION_TAG)
        if isinstance(value, tuple | list) and value:
            value = value[0]
        value = int(value)
    except Exception:
        return 1
    return value if 1 <= value <= 8 else 1


def gps(exif: Image.Exif) -> GpsFix | None:
    """The GPS position the photo was tagged with, or None if it has no usable one."""
    try:
        ifd = exif.get_ifd(GPS_IFD_TAG)
    except Exception:
        return None
    if not ifd or _text(ifd.get(GPS_STATUS)) == "V":  # "V": measurement void, no fix
        return None
    latitude = _coordinate(ifd.get(GPS_LATITUDE), ifd.get(GPS_LATITUDE_REF), "NS", 90)
    longitude = _coordinate(ifd.get(GPS_LONGITUDE), ifd.get(GPS_LONGITUDE_REF), "EW", 180)
    if latitude is None or longitude is None:
        return None
    # 0,0 is what many cameras write when they have no fix at all.
    if latitude == 0 and longitude == 0:
        return None
    return GpsFix(latitude=latitude, longitude=longitude)


def _coordinate(value, ref, hemispheres: str, limit: float) -> float | None:
    parts = _numbers(value)
    if not parts or len(parts) > 3:
        return None
    degrees, minutes, seconds = [*parts, 0.0, 0.0][:3]
    if degrees < 0 or not 0 <= minutes < 60 or not 0 <= seconds < 60:
        return None
    result = degrees + minutes / 60 + seconds / 3600
    if result > limit:
        return None
    ref_text = _text(ref)
    if ref_text and ref_text[0] not in hemispheres:
        return None
    # No reference at all: the value is taken as north/east, which is what writers mean.
    if ref_text and ref_text[0] == hemispheres[1]:
        result = -result
    return round(result, 7)


def _numbers(value) -> list[float] | None:
    if value is None or isinstance(value, str | bytes):
        return None
    items = list(value) if isinstance(value, tuple | list) else [value]
    numbers = []
    for item in items:
        # Older files store rationals as (numerator, denominator) pairs.
        if isinstance(item, tuple | list) and len(item) == 2:
            numerator, denominator = item
            if not denominator:
                return None
            item = numerator / denominator
        try:
            number = float(item) if isinstance(item, Real) else float(str(item))
        except (TypeError, ValueError, ZeroDivisionError):
            return None
        if not math.isfinite(number):
            return None
        numbers.append(number)
    return numbers


def _text(value) -> str:
    if isinstance(value, bytes):
        value = value.decode("ascii", "ignore")
    if not isinstance(value, str):
        return ""
    return value.strip("\x00 ").upper()
