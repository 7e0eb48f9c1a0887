import uuid

import pytest
from django.db import IntegrityError, transaction

from tests.factories import CameraFactory, SightingFactory


def refused(factory, **fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        factory(**fields)
    return True


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fields",
    [
        {"camera_type": "bullet"},
        {"surveillance_type": "drone"},
        {"mount": "tree"},
        {"zone": "moon"},
        {"watches": "everything"},
        {"operator_type": "aliens"},
        {"face_recognition": "maybe"},
        {"status": "hidden"},
        {"height_m": -1},
        {"height_m": 101},
        {"count": 0},
    ],
    ids=lambda fields: next(iter(fields)),
)
def test_the_database_refuses_a_camera_outside_the_vocabulary(fields):
    assert refused(CameraFactory, **fields)


@pytest.mark.django_db
def test_the_database_refuses_a_second_camera_with_the_same_source_id():
    CameraFactory(source="osm", source_id="node/1")
    assert refused(CameraFactory, source="osm", source_id="node/1")


@pytest.mark.django_db
def test_the_database_refuses_a_second_sighting_with_the_same_client_id():
    client_id = uuid.uuid4()
    SightingFactory(client_id=client_id)
    assert refused(SightingFactory, client_id=client_id)


@pytest.mark.django_db
def test_an_approved_sighting_must_point_at_its_camera():
    assert refused(SightingFactory, status="approved", camera=None)


@pytest.mark.django_db
def test_a_pending_sighting_cannot_point_at_a_camera():
    assert refused(SightingFactory, status="pending", camera=CameraFactory())


@pytest.mark.django_db
def test_a_sighting_location_source_is_one_of_the_three():
    assert refused(SightingFactory, location_source="guess")
