import pytest
from django.core.management import CommandError, call_command

from cameramap.areas.models import Area
from cameramap.cameras.models import Camera
from tests.factories import AreaFactory


@pytest.mark.django_db
def test_it_fills_an_empty_database_with_labelled_demo_data():
    call_command("seed_demo")

    assert Area.objects.count() == 6
    assert all(area.name.startswith("Demo ") for area in Area.objects.all())
    assert Camera.objects.filter(source="demo").count() == Camera.objects.count() > 100
    assert sum(Area.objects.values_list("camera_count", flat=True)) > 0
    assert not Area.objects.filter(rank__isnull=True).exists()


@pytest.mark.django_db
def test_it_refuses_a_database_that_holds_data():
    AreaFactory()

    with pytest.raises(CommandError, match="not empty"):
        call_command("seed_demo")
    call_command("seed_demo", if_empty=True)  # make run's way: a no-op, not an error

    assert Area.objects.count() == 1


@pytest.mark.django_db
def test_it_removes_what_it_added():
    call_command("seed_demo")
    AreaFactory(code="REAL")

    call_command("seed_demo", remove=True)

    assert list(Area.objects.values_list("code", flat=True)) == ["REAL"]
    assert Camera.objects.count() == 0
