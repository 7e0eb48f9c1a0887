"""Read camera points from files into plain records; no database here.

GeoJSON and CSV carry CameraMap's own field names; OpenStreetMap data (OSM XML, Overpass JSON
and DeFlock's array) carries OSM tags, mapped to the vocabulary by cameramap.lib.osm.
"""

import csv
import hashlib
import io
import json
import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from cameramap.lib.osm import LAT_KEY, LON_KEY, VERSION_KEY, fields_from_tags
from cameramap.lib.osm_files import OsmElement, OsmFileError, open_file, surveillance_elements
from cameramap.lib.vocabulary import MAX_HEIGHT_M, VOCABULARY, parse_directions


class CameraFileError(ValueError):
    """The file cannot be imported; the message says why in one line."""


@dataclass
class CameraRecord:
    lon: float
    lat: float
    source_id: str
    count: int = 1
    fields: dict = field(default_factory=dict)  # vocabulary and other camera fields
    tags: dict = field(default_factory=dict)  # raw source tags, kept for reference


# Columns a CSV may name its coordinates by, compared case-insensitively.
LATITUDE_NAMES = ("latitude", "lat", "y")
LONGITUDE_NAMES = ("longitude", "lon", "lng", "long", "x")
DATE_FIELDS = ("first_reported", "last_confirmed")


# Formats whose cameras are OpenStreetMap elements: their ids are OSM ids ("node/123"), so they
# share one source ("osm") and the same camera from any of them is the same record.
OSM_FORMATS = ("osm", "overpass", "deflock")
FORMATS = ("geojson", "csv", *OSM_FORMATS)
OSM_SOURCE = "osm"


def detect_format(path: Path) -> str:
    """The format from the name, and for JSON from the start of the content."""
    suffixes = "".join(path.suffixes).lower().removesuffix(".gz")
    if suffixes.endswith((".geojson", ".json")):
        return _sniff_json(path)
    if suffixes.endswith(".csv"):
        return "csv"
    if suffixes.endswith((".osm", ".xml")):
        return "osm"
    raise CameraFileError(f"{path.name}: cannot tell the format from the name; pass --format")


def default_source(path: Path, fmt: str) -> str:
    """`osm` for OpenStreetMap data, else the file's name without its extensions."""
    return OSM_SOURCE if fmt in OSM_FORMATS else path.name.split(".")[0]


def _sniff_json(path: Path) -> str:
    try:
        with open_file(path) as handle:
            head = io.TextIOWrapper(handle, encoding="utf-8", errors="replace").read(4096)
    except OSError as error:
        raise CameraFileError(f"{path.name}: not readable ({error.strerror})") from None
    head = head.lstrip("\ufeff \t\r\n")
    if head.startswith("["):
        return "deflock"
    if re.search(r'"elements"\s*:', head) and '"features"' not in head:
        return "overpass"
    return "geojson"


def read_cameras(
    path: Path,
    *,
    fmt: str,
    count_field: str | None = None,
    id_field: str | None = None,
    unreadable: Counter | None = None,
) -> Iterator[CameraRecord]:
    """Yield the cameras in a file, skipping rows whose count is 0 (they are not cameras).

    Values of OSM tags that cannot be read are counted in `unreadable` by (key, value).
    """
    if fmt in OSM_FORMATS:
        if count_field or id_field:
            raise CameraFileError("--count-field and --id-field do not apply to OSM data")
        yield from _read_osm(path, fmt, Counter() if unreadable is None else unreadable)
        return
    readers = {"geojson": _read_geojson, "csv": _read_csv}
    if fmt not in readers:
        raise CameraFileError(f"unsupported format {fmt!r}; use one of {', '.join(FORMATS)}")
    seen_at: Counter = Counter()
    for number, (lon, lat, properties, feature_id) in enumerate(readers[fmt](path), start=1):
        where = f"{path.name}: feature {number}"
        lon, lat = (
            _coordinate(lon, "longitude", 180, where),
            _coordinate(lat, "latitude", 90, where),
        )
        count = _count(properties, count_field, where)
        if count == 0:
            continue
        if id_field:
            source_id = _text(properties.get(id_field))
            if not source_id:
                raise CameraFileError(f"{where} has no value in --id-field {id_field!r}")
        elif feature_id not in (None, ""):
            source_id = str(feature_id)
        else:
            # No id in the file: derive a stable one from the position (and its repeats there),
            # so importing the same file again updates instead of duplicating.
            key = f"{lon:.7f},{lat:.7f}"
            seen_at[key] += 1
            digest = hashlib.sha1(key.encode(), usedforsecurity=False).hexdigest()[:16]
            source_id = f"pos-{digest}-{seen_at[key]}"
        yield CameraRecord(
            lon=lon,
            lat=lat,
            source_id=source_id,
            count=count,
            fields=_camera_fields(properties, where),
        )


def _read_geojson(path: Path):
    try:
        with open_file(path) as handle:
            document = json.load(handle)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CameraFileError(f"{path.name}: not readable as GeoJSON ({error})") from None
    if isinstance(document, dict) and document.get("type") == "Feature":
        features = [document]
    elif isinstance(document, dict) and document.get("type") == "FeatureCollection":
        features = document.get("features") or []
    else:
        raise CameraFileError(f"{path.name}: not a GeoJSON FeatureCollection")
    if not features:
        raise CameraFileError(f"{path.name}: has no features")
    for number, feature in enumerate(features, start=1):
        geometry = (feature or {}).get("geometry") or {}
        if geometry.get("type") != "Point":
            kind = geometry.get("type") or "no geometry"
            raise CameraFileError(f"{path.name}: feature {number} is {kind}, not a Point")
        coordinates = geometry.get("coordinates") or []
        if len(coordinates) < 2:
            raise CameraFileError(f"{path.name}: feature {number} has no coordinates")
        properties = feature.get("properties") or {}
        yield coordinates[0], coordinates[1], properties, feature.get("id", properties.get("id"))


def _read_csv(path: Path):
    try:
        handle = path.open(newline="", encoding="utf-8-sig")
    except OSError as error:
        raise CameraFileError(f"{path.name}: not readable ({error.strerror})") from None
    with handle:
        reader = csv.DictReader(handle)
        columns = {name.lower(): name for name in reader.fieldnames or []}
        lat_column = next((columns[n] for n in LATITUDE_NAMES if n in columns), None)
        lon_column = next((columns[n] for n in LONGITUDE_NAMES if n in columns), None)
        if not (lat_column and lon_column):
            raise CameraFileError(
                f"{path.name}: needs latitude and longitude columns; "
                f"it has: {', '.join(reader.fieldnames or []) or 'none'}"
            )
        empty = True
        try:
            for row in reader:
                empty = False
                properties = {key: value for key, value in row.items() if value not in (None, "")}
                yield row[lon_column], row[lat_column], properties, properties.get("id")
        except (UnicodeDecodeError, csv.Error) as error:
            raise CameraFileError(f"{path.name}: not readable as CSV ({error})") from None
        if empty:
            raise CameraFileError(f"{path.name}: has no rows")


def _coordinate(value, name: str, limit: float, where: str) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise CameraFileError(f"{where}: {name} {value!r} is not a number") from None
    if not math.isfinite(number) or abs(number) > limit:
        raise CameraFileError(f"{where}: {name} {value!r} is out of range (±{limit:g})")
    return number


def _count(properties: dict, count_field: str | None, where: str) -> int:
    key = count_field or "count"
    if key not in properties:
        if count_field:
            raise CameraFileError(f"{where} has no {count_field!r} property")
        return 1
    raw = properties[key]
    try:
        number = float(raw)
    except (TypeError, ValueError):
        raise CameraFileError(f"{where}: count {raw!r} is not a number") from None
    if not math.isfinite(number) or number < 0 or number != int(number):
        raise CameraFileError(f"{where}: count {raw!r} is not a whole number of cameras")
    return int(number)


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _camera_fields(properties: dict, where: str) -> dict:
    """The vocabulary fields a file carries under their own names (as CameraMap exports them)."""
    fields = {}
    for name, choices in VOCABULARY.items():
        value = _text(properties.get(name))
        if not value:
            continue
        if value not in choices.values:
            raise CameraFileError(
                f"{where}: {name} {value!r} is not one of {', '.join(choices.values)}"
            )
        fields[name] = value
    if _text(properties.get("operator")):
        fields["operator"] = _text(properties["operator"])[:200]
    if properties.get("directions") not in (None, "", []):
        raw = properties["directions"]
        if isinstance(raw, str) and raw.lstrip().startswith("["):
            raw = json.loads(raw)
        try:
            fields["directions"] = parse_directions(raw)
        except ValueError as error:
            raise CameraFileError(f"{where}: directions {error}") from None
    if _text(properties.get("height_m")):
        try:
            height = float(properties["height_m"])
        except ValueError:
            height = -1
        if not 0 <= height <= MAX_HEIGHT_M:
            raise CameraFileError(f"{where}: height_m {properties['height_m']!r} is not 0-100")
        fields["height_m"] = height
    for name in DATE_FIELDS:
        if _text(properties.get(name)):
            try:
                fields[name] = date.fromisoformat(_text(properties[name])[:10])
            except ValueError:
                raise CameraFileError(
                    f"{where}: {name} {properties[name]!r} is not a date"
                ) from None
    if _text(properties.get("confirmations")).isdigit():
        fields["confirmations"] = int(properties["confirmations"])
    return fields


def _read_osm(path: Path, fmt: str, unreadable: Counter) -> Iterator[CameraRecord]:
    found = False
    try:
        for element, lon, lat in surveillance_elements(path, fmt):
            found = True
            if lon is None:
                unreadable[("position", f"{element.type}/{element.id}")] += 1
                continue
            yield _osm_record(path, element, lon, lat, unreadable)
    except OsmFileError as error:
        raise CameraFileError(str(error)) from None
    if not found:
        raise CameraFileError(f"{path.name}: no element tagged man_made=surveillance")


def _osm_record(path: Path, element: OsmElement, lon, lat, unreadable: Counter) -> CameraRecord:
    where = f"{path.name}: {element.type}/{element.id}"
    lon = _coordinate(lon, "longitude", 180, where)
    lat = _coordinate(lat, "latitude", 90, where)
    reading = fields_from_tags(element.tags)
    unreadable.update(reading.unreadable)
    tags = dict(element.tags)
    if element.version is not None:
        # What an export needs to send changes back: the version edited, and where it was.
        tags[VERSION_KEY] = str(element.version)
        tags[LAT_KEY], tags[LON_KEY] = f"{lat:.7f}", f"{lon:.7f}"
    return CameraRecord(
        lon=lon,
        lat=lat,
        source_id=f"{element.type}/{element.id}",
        fields=reading.fields,
        tags=tags,
    )


def describe_unreadable(unreadable: Counter, *, examples: int = 8) -> str:
    """One line on the OSM values an import left out, the most frequent first."""
    total = sum(unreadable.values())
    shown = ", ".join(
        f"{key}={value!r}" + (f" ×{count}" if count > 1 else "")
        for (key, value), count in unreadable.most_common(examples)
    )
    more = ", …" if len(unreadable) > examples else ""
    return (
        f"{total} tag values could not be read and were left out "
        f"(the cameras' raw tags keep them): {shown}{more}"
    )
