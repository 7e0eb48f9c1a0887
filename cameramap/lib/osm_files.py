"""OpenStreetMap data as files hold it: OSM XML (.osm, from JOSM, the API or Overpass),
Overpass JSON and DeFlock's ALPR array. No database, and no mapping to CameraMap's vocabulary
(that is cameramap.lib.osm): just the elements, their tags and where they are.

Files are streamed: memory holds one element at a time (plus, for ways and relations the file
gives no centre for, the positions of their nodes).
"""

import gzip
import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from cameramap.lib.json_stream import iter_json_array
from cameramap.lib.osm import format_number


class OsmFileError(ValueError):
    """The file cannot be read; the message says why in one line."""


@dataclass(slots=True)
class OsmElement:
    """One OSM element as any of the formats gives it."""

    type: str
    id: int
    tags: dict
    version: int | None = None
    lon: float | None = None  # a node's position, or the centre the file gives for the others
    lat: float | None = None
    refs: list = field(default_factory=list)  # a way's nodes
    members: list = field(default_factory=list)  # a relation's (type, ref)
    points: list = field(default_factory=list)  # (lon, lat) of a geometry the file spells out


# An element, and its longitude and latitude (None when the file does not say where it is).
Located = tuple[OsmElement, float | None, float | None]


def open_file(path: Path) -> IO[bytes]:
    """The file's bytes, decompressed when it is gzip (by content, whatever its name)."""
    handle = path.open("rb")
    if handle.peek(2)[:2] == b"\x1f\x8b":
        handle.close()
        return gzip.open(path)
    return handle


def surveillance_elements(path: Path, fmt: str) -> Iterator[Located]:
    """(element, lon, lat) for every element tagged man_made=surveillance; ways and relations at
    their centre (the middle of their bounding box, as Overpass' `out center` gives it), or
    (element, None, None) when the file does not say where they are."""
    elements: Callable[[], Iterator[OsmElement]] = {
        "osm": lambda: _osm_xml_elements(path),
        "overpass": lambda: _overpass_elements(path),
        "deflock": lambda: _deflock_elements(path),
    }[fmt]
    pending = []
    for element in elements():
        if element.tags.get("man_made") != "surveillance":
            continue
        if element.lon is not None and element.lat is not None:
            yield element, element.lon, element.lat
        elif element.points:
            yield element, *_centre(element.points)
        else:
            pending.append(element)
    if pending:
        yield from _locate_by_members(pending, elements)


def _locate_by_members(pending, elements) -> Iterator[Located]:
    """Place ways and relations the file gives no centre for by the nodes it holds for them:
    at most two more passes over the file, keeping only the positions needed."""
    member_ways = {ref for element in pending for kind, ref in element.members if kind == "way"}
    way_nodes: dict[int, list[int]] = {}
    if member_ways:
        for element in elements():
            if element.type == "way" and element.id in member_ways:
                way_nodes[element.id] = element.refs
    wanted = {ref for nodes in way_nodes.values() for ref in nodes}
    for element in pending:
        wanted.update(element.refs)
        wanted.update(ref for kind, ref in element.members if kind == "node")
    positions = {}
    for element in elements():
        if element.type == "node" and element.id in wanted and element.lon is not None:
            positions[element.id] = (element.lon, element.lat)
    for element in pending:
        nodes = list(element.refs)
        for kind, ref in element.members:
            nodes += [ref] if kind == "node" else way_nodes.get(ref, []) if kind == "way" else []
        points = [positions[ref] for ref in nodes if ref in positions]
        yield (element, *_centre(points)) if points else (element, None, None)


def _centre(points) -> tuple[float, float] | tuple[None, None]:
    """The middle of the points' bounding box."""
    try:
        lons = [float(lon) for lon, _ in points]
        lats = [float(lat) for _, lat in points]
    except (TypeError, ValueError):
        return None, None
    return (min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2


def _osm_xml_elements(path: Path) -> Iterator[OsmElement]:
    # OSM files come from the operator, not the web; ElementTree never fetches external
    # entities and expat (>= 2.4) caps entity expansion.
    try:
        with open_file(path) as handle:
            events = ET.iterparse(handle, events=("start", "end"))  # noqa: S314
            _, root = next(events)
            if root.tag != "osm":
                raise OsmFileError(f"{path.name}: not OSM XML (the root is <{root.tag}>)")
            for event, node in events:
                if event == "end" and node.tag in ("node", "way", "relation"):
                    element = _xml_element(path, node)
                    if element is not None:
                        yield element
                    root.clear()  # keep memory flat however big the file
    except ET.ParseError as error:
        raise OsmFileError(f"{path.name}: not readable as OSM XML ({error})") from None
    except OSError as error:
        raise OsmFileError(f"{path.name}: not readable ({error})") from None


def _xml_element(path: Path, node) -> OsmElement | None:
    attributes = node.attrib
    if attributes.get("visible") == "false" or attributes.get("action") == "delete":
        return None
    where = f"{path.name}: <{node.tag} id={attributes.get('id')!r}>"
    element = OsmElement(
        type=node.tag,
        id=_osm_id(attributes.get("id"), where),
        tags={tag.get("k"): tag.get("v", "") for tag in node.iter("tag") if tag.get("k")},
        version=_version(attributes.get("version"), where),
    )
    if node.tag == "node":
        element.lon, element.lat = attributes.get("lon"), attributes.get("lat")
    elif (centre := node.find("center")) is not None:
        element.lon, element.lat = centre.get("lon"), centre.get("lat")
    elif (bounds := node.find("bounds")) is not None:
        element.points = [
            (bounds.get("minlon"), bounds.get("minlat")),
            (bounds.get("maxlon"), bounds.get("maxlat")),
        ]
    element.refs = [_osm_id(nd.get("ref"), where) for nd in node.iter("nd")]
    element.members = [
        (member.get("type"), _osm_id(member.get("ref"), where)) for member in node.iter("member")
    ]
    return element


def _overpass_elements(path: Path) -> Iterator[OsmElement]:
    try:
        with open_file(path) as handle:
            document = json.load(handle)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise OsmFileError(f"{path.name}: not readable as Overpass JSON ({error})") from None
    if not isinstance(document, dict) or not isinstance(document.get("elements"), list):
        raise OsmFileError(f'{path.name}: not Overpass JSON (no "elements" list)')
    for number, item in enumerate(document["elements"], start=1):
        if not isinstance(item, dict) or item.get("type") not in ("node", "way", "relation"):
            raise OsmFileError(f"{path.name}: element {number} is not an OSM element")
        where = f"{path.name}: element {number}"
        tags = item.get("tags") or {}
        if not isinstance(tags, dict):
            raise OsmFileError(f"{where} has tags that are not an object")
        element = OsmElement(
            type=item["type"],
            id=_osm_id(item.get("id"), where),
            tags={str(key): str(value) for key, value in tags.items()},
            version=_version(item.get("version"), where),
            lon=item.get("lon"),
            lat=item.get("lat"),
        )
        if isinstance(centre := item.get("center"), dict):
            element.lon, element.lat = centre.get("lon"), centre.get("lat")
        elif isinstance(bounds := item.get("bounds"), dict):
            element.points = [
                (bounds.get("minlon"), bounds.get("minlat")),
                (bounds.get("maxlon"), bounds.get("maxlat")),
            ]
        elif isinstance(geometry := item.get("geometry"), list):
            element.points = [(p["lon"], p["lat"]) for p in geometry if isinstance(p, dict)]
        element.refs = [_osm_id(ref, where) for ref in item.get("nodes") or []]
        element.members = [
            (member.get("type"), _osm_id(member.get("ref"), where))
            for member in item.get("members") or []
            if isinstance(member, dict)
        ]
        yield element


# DeFlock's field -> the OSM tag it was read from.
DEFLOCK_TAGS = {
    "operator": "operator",
    "brand": "manufacturer",
    "surveillanceZone": "surveillance:zone",
    "mountType": "camera:mount",
    "ref": "ref",
    "startDate": "start_date",
}


def _deflock_elements(path: Path) -> Iterator[OsmElement]:
    """DeFlock's ALPR array, streamed: [{osmId, osmType, lat, lon, directionCardinal, …}, …].
    Its fields go back to the OSM tags they came from, so one mapping reads every format."""
    try:
        with open_file(path) as handle:
            items = iter_json_array(io.TextIOWrapper(handle, encoding="utf-8"))
            for number, item in enumerate(items, start=1):
                yield _deflock_element(path, number, item)
    except ValueError as error:  # also UnicodeDecodeError
        raise OsmFileError(f"{path.name}: not a DeFlock JSON array ({error})") from None
    except OSError as error:
        raise OsmFileError(f"{path.name}: not readable ({error})") from None


def _deflock_element(path: Path, number: int, item) -> OsmElement:
    where = f"{path.name}: item {number}"
    if not isinstance(item, dict) or item.get("osmType") not in ("node", "way", "relation"):
        raise OsmFileError(f"{where} has no osmType of node, way or relation")
    tags = {"man_made": "surveillance", "surveillance:type": "ALPR"}
    for name, key in DEFLOCK_TAGS.items():
        if item.get(name) not in (None, ""):
            tags[key] = str(item[name])
    # directionCardinal is the tag as mapped ("355;175", "NE"); direction only its first bearing.
    if item.get("directionCardinal") not in (None, ""):
        tags["camera:direction"] = str(item["directionCardinal"])
    elif isinstance(item.get("direction"), int | float):
        tags["camera:direction"] = format_number(item["direction"])
    return OsmElement(
        type=item["osmType"],
        id=_osm_id(item.get("osmId"), where),
        tags=tags,
        lon=item.get("lon"),
        lat=item.get("lat"),
    )


def _osm_id(value, where: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise OsmFileError(f"{where}: id {value!r} is not a number") from None


def _version(value, where: str) -> int | None:
    if value in (None, ""):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise OsmFileError(f"{where}: version {value!r} is not a number") from None
