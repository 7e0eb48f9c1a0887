"""schemathesis holds every operation of the published schema to it, against a live server.

Operations other issues add (sightings, review, clusters) are covered as soon as they appear in
/api/v1/schema/: nothing here lists them.

The cases come from each operation's Hypothesis strategy: schemathesis' own pytest integration
(`from_fixture(...).parametrize()`) does not run under pytest 9 (it sets `Node._nodeid`, which
pytest 9 no longer has). Measured: ~20 s on SpatiaLite, ~35 s on PostGIS for the four read
operations (about 1,200 requests), on a loaded 2-core machine.
"""

from datetime import date

import pytest
import schemathesis
from django.contrib.gis.geos import Point
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from cameramap.cameras.services import camera_create
from tests.factories import AreaFactory, CameraFactory, SightingFactory, square

# Every operation gets this many generated cases with valid inputs and as many with invalid ones.
EXAMPLES_PER_MODE = 200
CHECKS = [
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
    content_type_conformance,
]


@pytest.fixture
def published(transactional_db) -> dict:
    """A little of everything the responses can hold: nulls and values, in and out of areas.
    Returns path parameters that name existing objects."""
    AreaFactory(slug="dense", code="D", geom=square(-74.00, 40.70), population=2000)
    AreaFactory(slug="empty", code="E", geom=square(-73.00, 40.70))
    camera = camera_create(
        location=Point(-73.995, 40.705, srid=4326),
        camera_type="dome",
        mount="pole",
        zone="traffic",
        watches="public",
        operator_type="police",
        operator="NYPD",
        directions=[90, "180-270"],
        height_m=4.5,
        count=3,
        first_reported=date(2026, 3, 1),
        last_confirmed=date(2026, 4, 1),
    )
    camera_create(location=Point(-73.5, 40.5, srid=4326), surveillance_type="alpr")
    CameraFactory(status="removed")
    SightingFactory()
    return {"id": camera.pk, "slug": "dense"}


@pytest.fixture
def api_schema(live_server, published):
    return schemathesis.openapi.from_url(f"{live_server.url}/api/v1/schema/")


def run_cases(
    operation,
    mode: GenerationMode,
    base_url: str,
    *,
    session=None,
    examples: int = EXAMPLES_PER_MODE,
    **fixed,
) -> None:
    """Send up to EXAMPLES_PER_MODE generated requests to one operation (fewer only when its
    inputs allow fewer); the checks raise on the first failure, shrunk to its simplest form."""

    # Deterministic: the same cases every run, and no example database between runs.
    @settings(
        max_examples=examples,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.explicit, Phase.generate, Phase.shrink],
    )
    @given(case=operation.as_strategy(generation_mode=mode, **fixed))
    def send(case):
        case.call_and_validate(base_url=base_url, session=session, checks=CHECKS)

    send()


def test_every_operation_answers_as_its_schema_says_and_never_with_a_5xx(
    api_schema, published, live_server, subtests
):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 4
    for operation in operations:
        # Invalid input needs an input to make invalid.
        has_inputs = any(key in operation.definition.raw for key in ("parameters", "requestBody"))
        modes = [GenerationMode.POSITIVE, *([GenerationMode.NEGATIVE] if has_inputs else [])]
        for mode in modes:
            with subtests.test(operation=operation.label, mode=mode.value):
                run_cases(operation, mode, live_server.url)
        # Random ids and slugs rarely name a real object: also ask for the ones that exist, so
        # successful answers are held to the schema too.
        names = {parameter.name for parameter in operation.path_parameters}
        if names and names <= set(published):
            existing = {name: published[name] for name in names}
            with subtests.test(operation=operation.label, mode="existing"):
                run_cases(
                    operation, GenerationMode.POSITIVE, live_server.url, path_parameters=existing
                )


# Moderators' operations, signed in as a moderator: the answers past the 401 (200, 201, 400,
# 404, 409) are held to the schema too. Fewer cases: each one may write.
MODERATOR_EXAMPLES = 40


def test_review_operations_answer_a_moderator_as_their_schema_says(
    api_schema, published, live_server, moderator, subtests
):
    import requests
    from django.test import Client

    client = Client()
    client.force_login(moderator)
    client.get("/review/")  # sets the CSRF cookie
    session = requests.Session()
    for name in ("sessionid", "csrftoken"):
        session.cookies.set(name, client.cookies[name].value)
    session.headers["X-CSRFToken"] = client.cookies["csrftoken"].value
    operations = [result.ok() for result in api_schema.get_all_operations()]
    review = [operation for operation in operations if "/review/" in operation.path]
    assert len(review) >= 12
    assert session.get(f"{live_server.url}/api/v1/review/sightings/").status_code == 200
    for operation in review:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            with subtests.test(operation=operation.label, mode=mode.value):
                run_cases(
                    operation, mode, live_server.url, session=session, examples=MODERATOR_EXAMPLES
                )
        # The camera that exists, for the camera operations (edits, removal, history).
        if "/cameras/{id}/" in operation.path:
            with subtests.test(operation=operation.label, mode="existing"):
                run_cases(
                    operation,
                    GenerationMode.POSITIVE,
                    live_server.url,
                    session=session,
                    examples=MODERATOR_EXAMPLES,
                    path_parameters={"id": published["id"]},
                )
