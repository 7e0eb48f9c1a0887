import math
import random

from hypothesis import given
from hypothesis import strategies as st

from cameramap.lib.grid import cell_size, cells_spanned


@st.composite
def bboxes(draw):
    minlon = draw(st.floats(-180, 179.9))
    minlat = draw(st.floats(-90, 89.9))
    maxlon = draw(st.floats(minlon + 1e-6, 180))
    maxlat = draw(st.floats(minlat + 1e-6, 90))
    return minlon, minlat, maxlon, maxlat


@given(bbox=bboxes(), zoom=st.integers(0, 22), cap=st.sampled_from([10, 500, 5000]))
def test_points_anywhere_in_the_bbox_fall_in_at_most_the_cap_of_cells(bbox, zoom, cap):
    width, height = cell_size(zoom=zoom, bbox=bbox, max_cells=cap)
    rng = random.Random(0)
    minlon, minlat, maxlon, maxlat = bbox
    points = [(minlon, minlat), (maxlon, maxlat)] + [
        (rng.uniform(minlon, maxlon), rng.uniform(minlat, maxlat)) for _ in range(200)
    ]
    cells = {
        (math.floor((lon + 180) / width), math.floor((lat + 90) / height)) for lon, lat in points
    }

    assert len(cells) <= cells_spanned(bbox, width, height) <= cap


def test_a_cell_is_about_80_pixels_at_city_zoom_and_24_at_street_zoom():
    city, _ = cell_size(zoom=12, bbox=(-74.05, 40.57, -73.83, 40.74), max_cells=5000)
    street, _ = cell_size(zoom=17, bbox=(-73.96, 40.68, -73.95, 40.69), max_cells=5000)

    assert city == 80 * 360 / (256 * 2**12)
    assert street == 24 * 360 / (256 * 2**17)
