"""The OpenStreetMap-compatible vocabulary that cameras and sightings are described in."""

import re

from django.db import models
from django.utils.translation import gettext_lazy as _


class SurveillanceType(models.TextChoices):
    CAMERA = "camera", _("Camera")
    ALPR = "alpr", _("Licence plate reader")
    GUARD = "guard", _("Guard")
    GUNSHOT_DETECTOR = "gunshot_detector", _("Gunshot detector")


class CameraType(models.TextChoices):
    FIXED = "fixed", _("Fixed (points one way)")
    DOME = "dome", _("Dome")
    PANNING = "panning", _("Panning (moves)")
    UNKNOWN = "unknown", _("Don't know")


class Mount(models.TextChoices):
    WALL = "wall", _("Wall")
    POLE = "pole", _("Pole")
    STREET_LAMP = "street_lamp", _("Street lamp")
    TRAFFIC_SIGNAL = "traffic_signal", _("Traffic signal")
    CEILING = "ceiling", _("Ceiling")
    BUILDING = "building", _("Building")
    DOORBELL = "doorbell", _("Doorbell")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Don't know")


class Zone(models.TextChoices):
    TOWN = "town", _("Street / town")
    TRAFFIC = "traffic", _("Traffic")
    PARKING = "parking", _("Parking")
    SHOP = "shop", _("Shop")
    BANK = "bank", _("Bank")
    BUILDING = "building", _("Building")
    ENTRANCE = "entrance", _("Entrance")
    PUBLIC_TRANSPORT = "public_transport", _("Public transport")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Don't know")


class Watches(models.TextChoices):
    PUBLIC = "public", _("Public space")
    OUTDOOR = "outdoor", _("Private outdoor area")
    INDOOR = "indoor", _("Indoors")


class OperatorType(models.TextChoices):
    GOVERNMENT = "government", _("Government")
    POLICE = "police", _("Police")
    TRANSPORT = "transport", _("Transport")
    BUSINESS = "business", _("Business")
    PRIVATE = "private", _("Private person")
    UNKNOWN = "unknown", _("Don't know")


class FaceRecognition(models.TextChoices):
    YES = "yes", _("Yes (evidence in the note)")
    NO = "no", _("No")
    UNKNOWN = "unknown", _("Don't know")


# Field name -> its choices, for filters, validation and documentation.
VOCABULARY: dict[str, type[models.TextChoices]] = {
    "surveillance_type": SurveillanceType,
    "camera_type": CameraType,
    "mount": Mount,
    "zone": Zone,
    "watches": Watches,
    "operator_type": OperatorType,
    "face_recognition": FaceRecognition,
}

MAX_HEIGHT_M = 100
_RANGE = re.compile(r"^\s*(\d{1,3})\s*-\s*(\d{1,3})\s*$")


def parse_direction(value: object) -> int | str:
    """One bearing (0-359) or clockwise range ("90-270"), normalised; ValueError if neither."""
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a direction")
    if isinstance(value, int | float):
        if value != int(value) or not 0 <= value <= 360:
            raise ValueError(f"{value!r} is not a bearing from 0 to 359")
        return int(value) % 360
    if isinstance(value, str):
        text = value.strip()
        if text.isdigit():
            return parse_direction(int(text))
        match = _RANGE.match(text)
        if match:
            start, end = (parse_direction(int(group)) for group in match.groups())
            if start == end:
                return start
            return f"{start}-{end}"
    raise ValueError(f"{value!r} is not a bearing (0-359) or a range like 90-270")


def parse_directions(values: object) -> list[int | str]:
    """A list of directions, de-duplicated in order; a single value or a ;-list is accepted too."""
    if values is None or values == "":
        return []
    if isinstance(values, str):
        values = [part for part in values.split(";") if part.strip()]
    elif not isinstance(values, list | tuple):
        values = [values]
    result: list[int | str] = []
    for value in values:
        direction = parse_direction(value)
        if direction not in result:
            result.append(direction)
    if len(result) > 16:
        raise ValueError("at most 16 directions")
    return result
