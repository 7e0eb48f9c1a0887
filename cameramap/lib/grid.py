"""The grid that cameras are clustered on: cell sizes by zoom, bounded by a number of cells."""

import math

# Leaflet's zoom levels; tiles are 256 px wide and zoom z shows the world 256 * 2**z px wide.
MAX_ZOOM = 22
# Below this zoom a cell is an 80 px square on screen; from it on, a 24 px one, so that
# neighbouring cameras on a street show one by one.
STREET_ZOOM = 16
WORLD = (-180.0, -90.0, 180.0, 90.0)


def cell_size(
    *, zoom: int, bbox: tuple[float, float, float, float] = WORLD, max_cells: int
) -> tuple[float, float]:
    """Cell width and height in degrees for this zoom, grown until the bbox spans at most
    `max_cells` cells — whatever zoom the client claims."""
    minlon, minlat, maxlon, maxlat = bbox
    pixels = 80 if zoom < STREET_ZOOM else 24
    width = pixels * 360 / (256 * 2**zoom)
    # Square on screen at this latitude (Web Mercator stretches north-south by 1/cos).
    # Rounded to 5° so that cells stay put while the map pans.
    latitude = min(80.0, abs(round((minlat + maxlat) / 2 / 5) * 5))
    height = width * math.cos(math.radians(latitude))
    while cells_spanned(bbox, width, height) > max_cells:
        width, height = width * 1.25, height * 1.25
    return width, height


def cells_spanned(bbox: tuple[float, float, float, float], width: float, height: float) -> int:
    """An upper bound of the cells of the global grid that points in the bbox can fall in."""
    minlon, minlat, maxlon, maxlat = bbox
    # Indices run from floor((min - origin) / size) to floor((max - origin) / size): at most
    # span / size + 2 values; one more for rounding in the database's arithmetic.
    columns = math.floor((maxlon - minlon) / width) + 3
    rows = math.floor((maxlat - minlat) / height) + 3
    return columns * rows
