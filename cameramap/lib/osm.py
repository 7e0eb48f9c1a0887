"""OpenStreetMap surveillance tags <-> CameraMap's vocabulary, and OSM XML writing. No database.

Reading is forgiving, as OSM data is hand-made: a value CameraMap has no word for becomes
`other` (or `unknown` where the vocabulary has no `other`), and a direction or height it cannot
read is left out and reported; the raw tags are kept on the camera anyway. Writing changes only
the tags of fields whose value differs from what the original tags say, so a camera nobody
changed goes back to OSM exactly as it came.
"""

import math
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from xml.sax.saxutils import quoteattr

from cameramap.lib.vocabulary import MAX_HEIGHT_M, parse_directions

# OSM metadata that travels among a camera's tags, named as `osmium export` names attributes;
# keys starting with "@" are never written back as tags.
VERSION_KEY = "@version"
LAT_KEY = "@lat"
LON_KEY = "@lon"
# Elements OpenStreetMap has (negative ids are new objects in an editor's file, not OSM's).
OSM_ID = re.compile(r"^(node|way|relation)/(\d+)$")

# Every field the tags describe, with the value it has when the tags say nothing.
DEFAULTS: dict[str, object] = {
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
FIELDS = tuple(DEFAULTS)

# OSM value (lower case) -> CameraMap value. Values not listed become `other` where the field has
# one, else the default. Aliases are spellings found in OpenStreetMap data.
SURVEILLANCE_TYPES = {
    "camera": "camera",
    "alpr": "alpr",
    "anpr": "alpr",
    "guard": "guard",
    "gunshot_detector": "gunshot_detector",
}
CAMERA_TYPES = {"fixed": "fixed", "dome": "dome", "panning": "panning"}
MOUNTS = {
    "wall": "wall",
    "pole": "pole",
    "street_lamp": "street_lamp",
    "street_light": "street_lamp",
    "streetlight": "street_lamp",
    "lamp_post": "street_lamp",
    "traffic_signal": "traffic_signal",
    "traffic_signals": "traffic_signal",
    "traffic_light": "traffic_signal",
    "ceiling": "ceiling",
    "building": "building",
    "doorbell": "doorbell",
}
ZONES = {
    "town": "town",
    "street": "town",
    "public": "town",
    "traffic": "traffic",
    "parking": "parking",
    "shop": "shop",
    "bank": "bank",
    "building": "building",
    "entrance": "entrance",
    "public_transport": "public_transport",
    "public_transport_platform": "public_transport",
}
WATCHES = {"public": "public", "outdoor": "outdoor", "indoor": "indoor"}
OPERATOR_TYPES = {
    "government": "government",
    "public": "government",
    "police": "police",
    "transport": "transport",
    "public_transport": "transport",
    "business": "business",
    "commercial": "business",
    "private": "business",  # in OSM a privately owned organisation, not a person
    "private_person": "private",
    "individual": "private",
}
FACE_RECOGNITION = {"yes": "yes", "no": "no"}

# (field, OSM key, mapping, value for unlisted OSM values)
KEYED_FIELDS = (
    ("surveillance_type", "surveillance:type", SURVEILLANCE_TYPES, "camera"),
    ("camera_type", "camera:type", CAMERA_TYPES, "unknown"),
    ("mount", "camera:mount", MOUNTS, "other"),
    ("zone", "surveillance:zone", ZONES, "other"),
    ("watches", "surveillance", WATCHES, None),
    ("operator_type", "operator:type", OPERATOR_TYPES, "unknown"),
    ("face_recognition", "surveillance:face_recognition", FACE_RECOGNITION, "unknown"),
)
# CameraMap value -> the OSM value written for it, where it is not the value itself.
WRITTEN = {
    ("surveillance_type", "alpr"): "ALPR",
    ("operator_type", "private"): "private_person",
}

COMPASS_POINTS = ("N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE")
COMPASS_POINTS += ("S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW")
CARDINALS = {name: index * 22.5 for index, name in enumerate(COMPASS_POINTS)}
CARDINALS.update(
    {"NORTH": 0, "EAST": 90, "SOUTH": 180, "WEST": 270}
    | {"NORTHEAST": 45, "SOUTHEAST": 135, "SOUTHWEST": 225, "NORTHWEST": 315}
)
_NUMBER = r"[-+]?\d+(?:\.\d+)?"
_HEIGHT = re.compile(
    r"^\s*(\d+(?:[.,]\d+)?(?:[eE][-+]?\d+)?)\s*(m|metres?|meters?|ft|feet|foot|')?\s*$"
)
_FEET_INCHES = re.compile(r"^\s*(\d+)\s*'\s*(\d+(?:\.\d+)?)\s*(?:\"|'')\s*$")
FOOT_M = 0.3048


@dataclass
class TagReading:
    """What a set of OSM tags says about a camera, and the values that could not be read."""

    fields: dict
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (key, value)


def fields_from_tags(tags: Mapping[str, str]) -> TagReading:
    """The vocabulary fields OSM surveillance tags describe."""
    fields = dict(DEFAULTS)
    fields["directions"] = []
    unreadable: list[tuple[str, str]] = []
    for name, key, mapping, fallback in KEYED_FIELDS:
        value = _value(tags, key)
        if value:
            fields[name] = mapping.get(value.lower(), fallback)
    operator = _value(tags, "operator")
    fields["operator"] = operator[:200]
    for key in ("camera:direction", "direction"):
        if raw := _value(tags, key):
            fields["directions"], bad = parse_osm_directions(raw)
            unreadable += [(key, part) for part in bad]
            break
    if raw := _value(tags, "height"):
        fields["height_m"] = parse_height(raw)
        if fields["height_m"] is None:
            unreadable.append(("height", raw))
    return TagReading(fields=fields, unreadable=unreadable)


def parse_osm_directions(value: str) -> tuple[list[int | str], list[str]]:
    """camera:direction in any documented form -> (directions, parts that could not be read).

    Degrees ("45", "22.5", "-20" = 340), compass points ("NE", "nnw"), clockwise ranges of
    either ("90-270", "N-E", "328-13") and lists of them separated by ";" (or ","). A range
    that goes all the way round ("0-360") is "0-359".
    """
    directions: list[int | str] = []
    unreadable: list[str] = []
    for part in re.split(r"[;,]", value):
        part = part.strip()
        if not part:
            continue
        direction = _direction(part)
        if direction is None:
            unreadable.append(part)
        elif direction not in directions:
            directions.append(direction)
    if len(directions) > 16:
        unreadable += [str(extra) for extra in directions[16:]]
        directions = directions[:16]
    return parse_directions(directions), unreadable


def _direction(text: str) -> int | str | None:
    single = _bearing(text)
    if single is not None:
        return single
    match = re.fullmatch(r"(.+?)\s*-\s*(.+)", text)
    if not match:
        return None
    start, end = (_bearing(part) for part in match.groups())
    if start is None or end is None:
        return None
    if start == end:
        # "0-360" goes all the way round; "90-90" is one bearing.
        return "0-359" if _turns(*match.groups()) else start
    return f"{start}-{end}"


def _turns(start: str, end: str) -> bool:
    """Whether a range of degrees goes all the way round."""
    try:
        return abs(float(end) - float(start)) >= 360
    except ValueError:
        return False


def _bearing(text: str) -> int | None:
    text = text.strip()
    if re.fullmatch(_NUMBER, text):
        number = float(text)
        if not math.isfinite(number) or abs(number) > 720:
            return None
        return math.floor(number + 0.5) % 360
    degrees = CARDINALS.get(text.upper())
    return None if degrees is None else math.floor(degrees + 0.5) % 360


def parse_height(value: str) -> float | None:
    """OSM `height` ("4", "4.5 m", "13 ft", "12'6\"") in metres; None if unreadable or not
    0-100."""
    if match := _FEET_INCHES.match(value):
        metres = (float(match.group(1)) + float(match.group(2)) / 12) * FOOT_M
    elif match := _HEIGHT.match(value):
        number = float(match.group(1).replace(",", "."))
        unit = (match.group(2) or "m").lower()
        metres = number if unit.startswith("m") else number * FOOT_M
    else:
        return None
    if not math.isfinite(metres) or not 0 <= metres <= MAX_HEIGHT_M:
        return None
    return metres


def tags_for_camera(fields: Mapping, base: Mapping[str, str] | None = None) -> dict[str, str]:
    """OSM tags for a camera: its original tags (metadata dropped), with the tags of every field
    whose value they no longer describe rewritten. Reading the result gives `fields` back."""
    tags = {key: value for key, value in (base or {}).items() if not key.startswith("@")}
    tags["man_made"] = "surveillance"
    for _ in range(3):  # a rewrite can only make its own field right; once is enough in practice
        described = fields_from_tags(tags).fields
        wrong = [name for name in FIELDS if described[name] != _normal(name, fields.get(name))]
        if not wrong:
            return tags
        for name in wrong:
            _write(tags, name, _normal(name, fields.get(name)))
    raise ValueError(f"cannot describe {fields!r} in OSM tags")


def _normal(name: str, value):
    if name == "directions":
        return parse_directions(value or [])
    if name == "operator":
        return value or ""
    if value is None or value == "":
        return DEFAULTS[name]
    return value


def _write(tags: dict[str, str], name: str, value) -> None:
    for field_name, key, _mapping, _fallback in KEYED_FIELDS:
        if field_name == name:
            if value == DEFAULTS[name] and name != "surveillance_type":
                tags.pop(key, None)
            else:
                tags[key] = WRITTEN.get((name, value), value)
            return
    if name == "operator":
        _set(tags, "operator", value)
    elif name == "directions":
        # An old `direction` would still be read as the camera's direction.
        tags.pop("direction", None)
        _set(tags, "camera:direction", ";".join(str(direction) for direction in value))
    elif name == "height_m":
        _set(tags, "height", format_number(value) if value is not None else "")


def _set(tags: dict[str, str], key: str, value: str) -> None:
    if value:
        tags[key] = value
    else:
        tags.pop(key, None)


def _value(tags: Mapping[str, str], key: str) -> str:
    value = tags.get(key)
    return "" if value is None else str(value).strip()


def format_number(value: float) -> str:
    """4.0 -> "4", 4.25 -> "4.25": the shortest text that reads back as the same float."""
    text = repr(float(value))
    return text.removesuffix(".0")


def osm_element(source_id: str | None) -> tuple[str, int] | None:
    """ "node/123" -> ("node", 123); None when the id is not an OSM element's."""
    match = OSM_ID.match(source_id or "")
    return (match.group(1), int(match.group(2))) if match else None


# --- writing OSM XML ----------------------------------------------------------------------------


@dataclass
class OsmNode:
    id: int  # negative for a node OpenStreetMap does not have yet
    lat: float
    lon: float
    tags: dict[str, str]
    version: int | None = None
    modified: bool = False


# Characters XML 1.0 cannot carry at all.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def osm_xml(nodes: Iterable[OsmNode], *, generator: str = "CameraMap") -> Iterator[str]:
    """An OSM XML 0.6 file JOSM opens, line by line: existing nodes keep their id and version and
    carry action="modify" only when changed (JOSM uploads only those); new nodes have negative
    ids; an existing node of unknown version (only in a file not meant for upload) has none.
    No user, uid, changeset or timestamp attribute is ever written."""
    yield "<?xml version='1.0' encoding='UTF-8'?>\n"
    yield f"<osm version='0.6' generator={quoteattr(generator)}>\n"
    for node in nodes:
        attributes = f"id='{node.id}'"
        if node.id > 0 and node.version is not None:
            attributes += f" version='{node.version}'"
            if node.modified:
                attributes += " action='modify'"
        attributes += f" visible='true' lat='{node.lat:.7f}' lon='{node.lon:.7f}'"
        if not node.tags:
            yield f"  <node {attributes}/>\n"
            continue
        yield f"  <node {attributes}>\n"
        for key, value in sorted(node.tags.items()):
            yield f"    <tag k={_attr(key)} v={_attr(value)}/>\n"
        yield "  </node>\n"
    yield "</osm>\n"


def _attr(text: str) -> str:
    # OSM limits keys and values to 255 characters.
    return quoteattr(_NOT_XML.sub("", str(text))[:255])
