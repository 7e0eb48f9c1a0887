"""Who may reach what: every route of the URL resolver × every role, with the status each gets.

The matrix must name every route: a new page or endpoint fails `test_every_route_is_in_the_
matrix` until someone decides who may reach it. The admin's routes are checked as a whole
(only staff get past its sign-in)."""

import io
import re
import uuid
from dataclasses import dataclass, field

import pytest
from django.contrib.gis.geos import Point
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django_otp.plugins.otp_totp.models import TOTPDevice
from PIL import Image

from cameramap.cameras.models import ModerationEvent
from cameramap.cameras.moderation import sighting_approve
from cameramap.cameras.services import camera_create, sighting_submit
from tests.factories import AreaFactory

ROLES = ("anonymous", "volunteer", "other_volunteer", "moderator", "admin")


@dataclass
class Call:
    """One request and the status each role gets, in ROLES order."""

    method: str
    path: str  # formatted with the objects fixture: {camera}, {area}, {sighting}, {photo}
    statuses: tuple[int, int, int, int, int]
    data: dict = field(default_factory=dict)
    as_json: bool = False


EVERYONE = lambda status: (status,) * 5  # noqa: E731
OWNER_AND_MODERATORS = (404, 200, 404, 200, 200)
MODERATORS = (302, 403, 403, 200, 200)
SIGNED_IN = (302, 200, 200, 200, 200)
REVIEW_READ = (401, 403, 403, 200, 200)
# Review actions are sent invalid bodies: whoever gets through is answered 400 and nothing changes.
REVIEW_WRITE = (401, 403, 403, 400, 400)
TOO_LONG = {"reason": "x" * 5000}


def review_action(path: str, data: dict) -> list[Call]:
    return [
        Call("POST", path, REVIEW_WRITE, data, as_json=True),
        Call("GET", path, (401, 403, 403, 405, 405)),
    ]


MATRIX: dict[str, list[Call]] = {
    "map": [Call("GET", "/", EVERYONE(200))],
    "areas": [Call("GET", "/areas/", EVERYONE(200))],
    "area": [Call("GET", "/areas/{area}/", EVERYONE(200))],
    "camera": [Call("GET", "/cameras/{camera}/", EVERYONE(200))],
    "downloads": [Call("GET", "/data/", EVERYONE(200))],
    "download": [
        Call("GET", "/data/cameras.geojson", EVERYONE(200)),
        Call("GET", "/data/secrets.txt", EVERYONE(404)),
    ],
    "set_language": [Call("POST", "/i18n/setlang/", EVERYONE(302), {"language": "en"})],
    "api:camera-list": [Call("GET", "/api/v1/cameras/", EVERYONE(200))],
    "api:camera-clusters": [Call("GET", "/api/v1/cameras/clusters/?zoom=12", EVERYONE(200))],
    "api:camera-detail": [Call("GET", "/api/v1/cameras/{camera}/", EVERYONE(200))],
    "api:area-list": [Call("GET", "/api/v1/areas/", EVERYONE(200))],
    "api:area-detail": [Call("GET", "/api/v1/areas/{area}/", EVERYONE(200))],
    "api:schema": [Call("GET", "/api/v1/schema/", EVERYONE(200))],
    "api:docs": [Call("GET", "/api/v1/docs/", EVERYONE(200))],
    "api:sighting-list": [
        Call("GET", "/api/v1/sightings/", EVERYONE(405)),
        Call("POST", "/api/v1/sightings/", EVERYONE(201), {"report": True}),
    ],
    "api:sighting-detail": [
        Call("GET", "/api/v1/sightings/{sighting}/", OWNER_AND_MODERATORS),
        Call("DELETE", "/api/v1/sightings/{sighting}/", EVERYONE(405)),
    ],
    "review-export-osm": [Call("GET", "/review/export.osm", MODERATORS)],
    "submit": [Call("GET", "/submit/", EVERYONE(200))],
    "my-reports": [Call("GET", "/my-reports/", EVERYONE(200))],
    "photo": [
        Call("GET", "/photos/{photo}/image.jpg", OWNER_AND_MODERATORS),
        Call("GET", "/photos/{photo}/thumbnail.jpg", OWNER_AND_MODERATORS),
    ],
    "login": [Call("GET", "/accounts/login/", EVERYONE(200))],
    "logout": [
        Call("GET", "/accounts/logout/", EVERYONE(405)),
        Call("POST", "/accounts/logout/", EVERYONE(302)),
    ],
    "two-factor": [Call("GET", "/accounts/two-factor/", SIGNED_IN)],
    "review": [Call("GET", "/review/", MODERATORS)],
    "review-sighting": [Call("GET", "/review/sightings/{sighting}/", MODERATORS)],
    "review-camera": [Call("GET", "/review/cameras/{camera}/", MODERATORS)],
    "api:review-queue": [Call("GET", "/api/v1/review/sightings/?status=pending", REVIEW_READ)],
    "api:review-sighting-history": [
        Call("GET", "/api/v1/review/sightings/{sighting}/history", REVIEW_READ)
    ],
    "api:review-camera-history": [
        Call("GET", "/api/v1/review/cameras/{camera}/history", REVIEW_READ)
    ],
    "api:review-approve": review_action(
        "/api/v1/review/sightings/{sighting}/approve", {"count": 0}
    ),
    "api:review-merge": review_action("/api/v1/review/sightings/{sighting}/merge", {}),
    "api:review-reject": review_action("/api/v1/review/sightings/{sighting}/reject", {}),
    "api:review-bulk-reject": review_action("/api/v1/review/sightings/reject", {}),
    "api:review-camera-edit": review_action("/api/v1/review/cameras/{camera}/edit", {"count": 0}),
    "api:review-camera-remove": review_action("/api/v1/review/cameras/{camera}/remove", TOO_LONG),
    "api:review-camera-restore": review_action(
        "/api/v1/review/cameras/{camera}/restore", TOO_LONG
    ),
    "api:review-undo": review_action("/api/v1/review/events/{event}/undo", TOO_LONG),
    "api:review-redact": review_action("/api/v1/review/photos/{photo}/redact", {}),
}


def routes(patterns=None, prefix="", namespace=""):
    """(name, pattern) of every route the resolver knows, namespaced like reverse() takes."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}{entry.namespace}:"
            yield from routes(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}{entry.name}" if entry.name else None
            yield name, prefix + str(entry.pattern)


def admin_patterns() -> list[str]:
    return sorted({pattern for _, pattern in routes() if pattern.startswith("admin/")})


def jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (120, 130, 140)).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Five users per test: the production hasher would make this file take minutes."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def clients(volunteer, other_volunteer, moderator, admin_user) -> dict[str, Client]:
    users = {
        "volunteer": volunteer,
        "other_volunteer": other_volunteer,
        "moderator": moderator,
        "admin": admin_user,
    }
    result = {"anonymous": Client()}
    for role, user in users.items():
        result[role] = Client()
        result[role].force_login(user)
    return result


@pytest.fixture
def objects(volunteer, moderator) -> dict:
    area = AreaFactory(slug="dumbo")
    camera = camera_create(location=Point(-73.985, 40.695, srid=4326))
    approved = sighting_submit(
        client_id=uuid.uuid4(),
        latitude=40.6941,
        longitude=-73.9851,
        location_source="map",
        submitter=volunteer,
    ).sighting
    sighting_approve(sighting_id=approved.pk, actor=moderator)
    sighting = sighting_submit(
        client_id=uuid.uuid4(),
        latitude=40.6935,
        longitude=-73.9859,
        location_source="device",
        submitter=volunteer,
        photo=jpeg(),
    ).sighting
    return {
        "area": area.slug,
        "camera": camera.pk,
        "sighting": sighting.pk,
        "photo": sighting.photos.get().pk,
        "event": ModerationEvent.objects.get().pk,
    }


def request(client: Client, call: Call, objects: dict):
    path = call.path.format(**objects)
    if call.data.get("report"):
        data = {
            "client_id": str(uuid.uuid4()),
            "latitude": "40.6935",
            "longitude": "-73.9859",
            "location_source": "map",
        }
        return client.post(path, data)
    if call.as_json:
        return client.post(path, call.data, content_type="application/json")
    return getattr(client, call.method.lower())(path, call.data)


def test_every_route_is_in_the_matrix():
    names = [name for name, pattern in routes() if not pattern.startswith("admin/")]

    assert None not in names, "every route needs a name to be in the matrix"
    assert set(names) == set(MATRIX)


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_each_role_gets_what_the_matrix_says(name, clients, objects):
    wrong = []
    for call in MATRIX[name]:
        for role, expected in zip(ROLES, call.statuses, strict=True):
            status = request(clients[role], call, objects).status_code
            if status != expected:
                wrong.append(f"{call.method} {call.path} as {role}: {status}, not {expected}")

    assert not wrong, "\n".join(wrong)


def admin_path(pattern: str, device: TOTPDevice) -> str:
    """A path the pattern matches, with an existing object where a view needs one."""
    path = re.sub(r"<int:\w+>", str(device.pk), pattern)
    path = re.sub(
        r"<(?:path:|str:)?(\w+)>", lambda m: "cameras" if m[1] == "app_label" else "1", path
    )
    return "/" + re.sub(r"\(\?P<\w+>[^)]*\)\$?", "no-such-page/", path)


@pytest.mark.parametrize("pattern", admin_patterns())
def test_only_staff_get_past_the_admins_sign_in(pattern, clients, admin_user):
    path = admin_path(pattern, TOTPDevice.objects.create(user=admin_user, name="phone"))

    for role in ROLES[:4]:
        response = clients[role].get(path)
        if pattern in ("admin/login/", "admin/logout/"):
            assert response.status_code in (200, 302, 405), (role, response.status_code)
            continue
        assert response.status_code == 302, (role, path, response.status_code)
        assert response["Location"].startswith("/admin/login/"), (role, path)
    assert clients["admin"].get(path).status_code < 500, path
