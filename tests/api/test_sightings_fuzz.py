"""Hypothesis throws arbitrary field values at POST /api/v1/sightings/: every answer is a 2xx
with a sound sighting or a JSON 4xx naming what was wrong, never a 5xx or a half-written record.
Bounded (max_examples) so that it runs in seconds."""

import math
import uuid

import pytest
from django.test import Client
from hypothesis import HealthCheck, event, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from cameramap.cameras.models import Sighting
from cameramap.lib.vocabulary import VOCABULARY
from tests.sightings import URL, stored_files

ANY_TEXT = st.text(max_size=60)
NUMBERISH = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["", " ", "NaN", "-inf", "1e309", "40,7", "0x10", "४०", "40.6935\x00"]),
    ANY_TEXT,
)


def mostly(valid, invalid):
    """Valid three times in four, so that many reports get far enough to be stored."""
    return st.one_of(valid, valid, valid, invalid)


def degrees(limit: float):
    return st.floats(-limit, limit).map(repr)


def vocabulary_value(field: str):
    return mostly(st.sampled_from(list(VOCABULARY[field].values)), ANY_TEXT)


def maybe(strategy):
    """Present with a value, or absent (None leaves the field out)."""
    return st.one_of(st.none(), strategy)


REPORTS = st.fixed_dictionaries(
    {
        "client_id": mostly(st.uuids().map(str), ANY_TEXT),
        "latitude": mostly(degrees(90), NUMBERISH),
        "longitude": mostly(degrees(180), NUMBERISH),
        "location_source": mostly(st.sampled_from(["device", "photo", "map"]), ANY_TEXT),
    },
    optional={
        **{field: vocabulary_value(field) for field in VOCABULARY},
        "operator": maybe(st.text(max_size=250)),
        "note": maybe(st.text(max_size=1100)),
        "directions": maybe(
            st.one_of(
                st.lists(st.integers(-10, 400), max_size=4).map(lambda xs: ",".join(map(str, xs))),
                st.sampled_from(["90-270", "359-0", "a-b", "-", "90-", "1000-2000"]),
                ANY_TEXT,
            )
        ),
        "height_m": maybe(mostly(st.floats(0, 100).map(repr), NUMBERISH)),
        "count": maybe(mostly(st.integers(1, 50).map(str), NUMBERISH)),
    },
).map(lambda report: {key: value for key, value in report.items() if value is not None})


@pytest.fixture
def fuzz_client(db, settings):
    settings.CAMERAMAP_THROTTLE_ANON = "100000/hour"
    return Client(raise_request_exception=False)


@hypothesis_settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(report=REPORTS)
def test_any_report_gets_a_sound_sighting_or_a_json_4xx(fuzz_client, report):
    before = Sighting.objects.count()

    response = fuzz_client.post(URL, report)
    event(f"status {response.status_code} {sorted(response.json().get('errors', {}))}")

    assert response.status_code in (200, 201, 400, 409), (response.status_code, report)
    assert response["Content-Type"] == "application/json"
    body = response.json()
    if response.status_code == 201:
        sighting = Sighting.objects.get(pk=body["id"])
        assert sighting.client_id == uuid.UUID(report["client_id"])
        assert sighting.status == "pending"
        assert -180 <= sighting.location.x <= 180
        assert -90 <= sighting.location.y <= 90
        assert math.isfinite(sighting.location.x)
        assert math.isfinite(sighting.location.y)
        assert sighting.count >= 1
        assert Sighting.objects.count() == before + 1
    elif response.status_code == 200:
        # The same report again (Hypothesis replays examples): the first one, not a second.
        assert Sighting.objects.filter(pk=body["id"], client_id=report["client_id"]).exists()
        assert Sighting.objects.count() == before
    else:
        assert body["detail"]
        if response.status_code == 400:
            assert Sighting.objects.count() == before
    assert stored_files() == {"private": [], "public": []}
