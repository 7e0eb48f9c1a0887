"""The bbox and containment queries go through the spatial indexes on PostGIS (issue 7).

A table of a few rows is faster to scan than to look up, so the planner would rightly scan it:
sequential scans are discouraged (enable_seqscan = off) to ask whether the index *can* serve
the query as written. A query that wraps the column in a function, or compares it in a way
the index cannot answer, still shows a sequential scan then. bench/bench_scale.py prints the
same plans at a million cameras.
"""

import pytest
from django.conf import settings
from django.contrib.gis.geos import Point
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from api.filters import camera_filters, parse_bbox
from cameramap.areas.services import areas_locate_cameras
from cameramap.cameras.selectors import camera_clusters, cameras_features_json, cameras_public
from tests.factories import AreaFactory, CameraFactory, square

CAMERA_INDEX = "cameras_camera_location"
AREA_INDEX = "areas_area_geom"


@pytest.fixture
def city(on_postgis):
    for number in range(3):
        AreaFactory(geom=square(-74.00 + number * 0.01, 40.67))
    return [
        CameraFactory(location=Point(-73.995 + n * 0.001, 40.675, srid=4326)) for n in range(20)
    ]


def plan(sql: str, params=()) -> str:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(line for (line,) in cursor.fetchall())


def last_statement(function, **kwargs) -> str:
    with CaptureQueriesContext(connection) as captured:
        function(**kwargs)
    return captured.captured_queries[-1]["sql"]


def test_the_camera_list_finds_the_bbox_through_the_cameras_index(city):
    cameras = cameras_public(filters=camera_filters({"bbox": "-74.0,40.67,-73.99,40.68"}))
    sql = last_statement(cameras_features_json, cameras=cameras, media_url="/media/")

    assert CAMERA_INDEX in plan(sql)


def test_clusters_at_street_zoom_find_the_bbox_through_the_cameras_index(city):
    sql = last_statement(
        camera_clusters,
        zoom=17,
        bbox=parse_bbox("-73.996,40.674,-73.990,40.676"),
        max_cells=settings.CAMERAMAP_MAX_FEATURES,
    )

    assert CAMERA_INDEX in plan(sql)


def test_locating_every_camera_walks_the_cameras_index_once_per_area(city):
    sql = last_statement(areas_locate_cameras)

    assert CAMERA_INDEX in plan(sql)


def test_locating_one_camera_looks_its_area_up_in_the_areas_index(city):
    sql = last_statement(areas_locate_cameras, camera_ids=[city[0].pk])

    assert AREA_INDEX in plan(sql)
