"""The cameras CameraMap may give back to OpenStreetMap, as OSM XML for JOSM.

What goes in:
- cameras imported from OpenStreetMap nodes whose version is known (OSM XML, or Overpass with
  `out meta`): under their own id and version, with action="modify" only when CameraMap's data
  now differs from the tags (or position) they came with, so JOSM uploads only the changes;
- cameras that CameraMap's volunteers verified (reviewed sightings, or imported cameras a
  volunteer confirmed) and that OSM does not have: new nodes with negative ids, source=survey.

What stays out, counted in the result: OSM cameras without a known version (DeFlock's array,
Overpass without `out meta`: JOSM cannot edit a node without its version), OSM ways and
relations (a camera mapped as an area is edited in OSM itself), and third-party imports no
volunteer has confirmed (their licence is not ours to give to OSM).
"""

from collections.abc import Iterator
from dataclasses import dataclass

from cameramap.cameras.models import Camera
from cameramap.lib.osm import (
    FIELDS,
    LAT_KEY,
    LON_KEY,
    VERSION_KEY,
    OsmNode,
    osm_element,
    tags_for_camera,
)

SURVEYED_SOURCE = "cameramap"
# Positions are written with 7 decimals (1 cm); closer than that is the same place.
SAME_PLACE_DEGREES = 1e-7


@dataclass
class OsmExportResult:
    new: int = 0
    modified: int = 0
    unchanged: int = 0
    without_version: int = 0
    not_nodes: int = 0
    unverified: int = 0

    def summary(self) -> str:
        return (
            f"{self.new} new, {self.modified} modified, {self.unchanged} unchanged OSM nodes; "
            f"left out: {self.without_version} from OSM without a version (re-import them from "
            f"Overpass with `out meta` to send their changes), {self.not_nodes} OSM ways or "
            f"relations, {self.unverified} imported cameras no volunteer has confirmed"
        )


def cameras_osm_nodes(result: OsmExportResult, *, everything: bool = False) -> Iterator[OsmNode]:
    """The public cameras that may go to OpenStreetMap, as nodes; `result` counts them.

    With `everything`, what would be left out is written too (a file to read, not to upload):
    unconfirmed imports as new nodes tagged with their own source, OSM ways and relations as
    new nodes at their centre, OSM nodes of unknown version under their id without a version.
    """
    cameras = (
        Camera.objects.public()
        .order_by("id")
        .only("id", "location", "source", "source_id", "confirmations", "tags", *FIELDS)
    )
    for camera in cameras.iterator(chunk_size=2000):
        node = _node(camera, result, everything)
        if node is not None:
            yield node


def _node(camera: Camera, result: OsmExportResult, everything: bool) -> OsmNode | None:
    fields = {name: getattr(camera, name) for name in FIELDS}
    lon, lat = camera.location.x, camera.location.y
    element = osm_element(camera.source_id)
    original = {key: value for key, value in camera.tags.items() if not key.startswith("@")}
    if element is None:
        surveyed = camera.source == SURVEYED_SOURCE or camera.confirmations >= 1
        if not (surveyed or everything):
            result.unverified += 1
            return None
        tags = tags_for_camera(fields, original)
        tags["source"] = "survey" if surveyed else camera.source
        result.new += 1
        return OsmNode(id=-camera.pk, lat=lat, lon=lon, tags=tags)
    kind, osm_id = element
    if kind != "node":
        if not everything:
            result.not_nodes += 1
            return None
        result.new += 1
        return OsmNode(id=-camera.pk, lat=lat, lon=lon, tags=tags_for_camera(fields, original))
    version = camera.tags.get(VERSION_KEY)
    if version is None:
        if not everything:
            result.without_version += 1
            return None
        result.unchanged += 1
        return OsmNode(id=osm_id, lat=lat, lon=lon, tags=tags_for_camera(fields, original))
    tags = tags_for_camera(fields, original)
    modified = tags != original or _moved(camera, lon, lat)
    if modified:
        result.modified += 1
    else:
        result.unchanged += 1
    return OsmNode(id=osm_id, lat=lat, lon=lon, tags=tags, version=int(version), modified=modified)


def _moved(camera: Camera, lon: float, lat: float) -> bool:
    try:
        was_lon, was_lat = float(camera.tags[LON_KEY]), float(camera.tags[LAT_KEY])
    except (KeyError, TypeError, ValueError):
        return False
    return abs(was_lon - lon) > SAME_PLACE_DEGREES or abs(was_lat - lat) > SAME_PLACE_DEGREES
