import os
from pathlib import Path

import pytest
from django.db import connection
from rest_framework.test import APIClient

from cameramap.cameras.roles import moderators_group
from tests.factories import UserFactory

SHARED_DATA = Path(
    os.environ.get(
        "CAMERAMAP_SHARED_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"
    )
)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """../shared/data: skipped when absent, a failure when CAMERAMAP_REQUIRE_SHARED_DATA=1."""
    if not (SHARED_DATA / "README.md").exists():
        message = f"the shared test data is not at {SHARED_DATA}"
        if os.environ.get("CAMERAMAP_REQUIRE_SHARED_DATA") == "1":
            pytest.fail(message + " and CAMERAMAP_REQUIRE_SHARED_DATA=1")
        pytest.skip(message)
    return SHARED_DATA


@pytest.fixture
def brooklyn(shared_data) -> Path:
    return shared_data / "brooklyn"


@pytest.fixture
def on_postgis(db):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostGIS (set DATABASE_URL=postgis://…)")


@pytest.fixture
def volunteer(db):
    return UserFactory(username="vera")


@pytest.fixture
def other_volunteer(db):
    return UserFactory(username="otto")


@pytest.fixture
def moderator(db):
    user = UserFactory(username="mona")
    # Through roles: a transactional test's flush drops the group its migration made.
    user.groups.add(moderators_group())
    return user


@pytest.fixture
def admin_user(db):
    return UserFactory(username="ada", is_superuser=True, is_staff=True)


@pytest.fixture
def api():
    return APIClient()


# --- Photos and throttles (issue 3) ------------------------------------------------------------


@pytest.fixture(autouse=True)
def photo_stores(settings, tmp_path):
    """Every test gets empty public and private photo stores of its own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Throttle counts live in the cache; no test inherits another's."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def photos(shared_data) -> Path:
    return shared_data / "photos"
