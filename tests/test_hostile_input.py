"""What an attacker might send gets a 4xx, never a 5xx, and leaves nothing behind."""

import io
import struct
import zlib

import pytest
from django.contrib.gis.geos import Point
from django.test import Client
from PIL import Image

from cameramap.cameras.models import Photo, Sighting
from cameramap.cameras.services import camera_create
from tests.factories import AreaFactory
from tests.sightings import post, stored_files

INJECTIONS = [
    "' OR '1'='1",
    "dome'; DROP TABLE cameras_camera; --",
    "dome) UNION SELECT password FROM auth_user --",
    "%00",
    "\x00",
    "dome\x00fixed",
    "<script>alert(1)</script>",
    "../../../../etc/passwd",
    "${jndi:ldap://127.0.0.1/a}",
    "{{7*7}}",
    "dome,fixed';--",
    "é" * 5000,
]
BAD_BBOXES = [
    "nan,nan,nan,nan",
    "NaN,40,-73,41",
    "-74,40,inf,41",
    "-73,41,-74,40",  # inverted
    "-74,40,-74,40",  # empty
    "-1e308,-1e308,1e308,1e308",
    "-181,-91,181,91",
    "1e999,0,1e999,1",
    "a,b,c,d",
    "-74,40,-73",
    "-74,40,-73,41,5",
    "",
    ",,,",
    "0x10,0,1,1",
    "-74;40;-73;41",
    "9" * 5000,
]
LIST_ENDPOINTS = ["/api/v1/cameras/", "/api/v1/cameras/clusters/?zoom=12&", "/api/v1/areas/"]


@pytest.fixture
def hostile_client(db):
    """A client that returns a server error as a response instead of raising it."""
    AreaFactory(slug="dumbo")
    camera_create(location=Point(-73.985, 40.695, srid=4326))
    return Client(raise_request_exception=False)


def join(endpoint: str, query: str) -> str:
    return endpoint + ("" if endpoint.endswith("&") else "?") + query


@pytest.mark.parametrize("bbox", BAD_BBOXES)
@pytest.mark.parametrize("endpoint", LIST_ENDPOINTS[:2])
def test_a_hostile_bbox_is_a_400(hostile_client, endpoint, bbox):
    response = hostile_client.get(join(endpoint, "bbox=" + bbox))

    assert response.status_code == 400
    assert response.json()["errors"]["bbox"]


@pytest.mark.parametrize("value", INJECTIONS)
@pytest.mark.parametrize("endpoint", LIST_ENDPOINTS)
def test_an_injection_in_a_filter_is_refused_as_an_unknown_value(hostile_client, endpoint, value):
    response = hostile_client.get(
        endpoint if "?" in endpoint else endpoint, {"camera_type": value}
    )

    assert response.status_code == 400, response.content
    # The table is still there and still holds its camera.
    assert hostile_client.get("/api/v1/cameras/").json()["count"] == 1


@pytest.mark.parametrize("value", INJECTIONS)
def test_an_injection_in_the_area_filter_or_zoom_is_a_400(hostile_client, value):
    assert hostile_client.get("/api/v1/cameras/", {"area": value}).status_code in (400, 404)
    assert hostile_client.get("/api/v1/cameras/clusters/", {"zoom": value}).status_code == 400


@pytest.mark.parametrize(
    "path",
    [
        "/data/../settings.py",
        "/data/..%2f..%2fmanage.py",
        "/data/%2e%2e%2fsecret_key",
        "/data/cameras.geojson%00.txt",
        "/photos/1/..%2f..%2fsecret_key.jpg",
        "/photos/1/image.jpg%00",
        "/photos/99999999999999999999999/image.jpg",
        "/media/..%2fprivate%2fphotos",
        "/areas/..%2f..%2fetc%2fpasswd/",
        "/areas/%00/",
        "/api/v1/areas/%00/",
        "/api/v1/cameras/99999999999999999999999/",
        "/api/v1/sightings/-1/",
        "/cameras/99999999999999999999/",
        "/static/../cameramap/settings.py",
    ],
)
def test_path_traversal_and_absurd_ids_are_a_404(hostile_client, path):
    response = hostile_client.get(path)

    assert 400 <= response.status_code < 500, (path, response.status_code)
    assert b"SECRET_KEY" not in response.content


@pytest.mark.parametrize("page", ["0", "-1", "abc", "99999999999999999999", "1e9", "%00"])
def test_a_hostile_page_number_is_a_404(hostile_client, page):
    assert hostile_client.get("/api/v1/cameras/", {"page": page}).status_code == 404


def png_claiming(width: int, height: int) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            len(body).to_bytes(4, "big") + kind + body + zlib.crc32(kind + body).to_bytes(4, "big")
        )

    # A real deflate stream of zeros: small on the wire, gigabytes once decoded.
    rows = zlib.compress(b"\x00" * (1 + width) * 64, 9)
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")
    )


def jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (10, 200, 30)).save(buffer, "JPEG")
    return buffer.getvalue()


HOSTILE_FILES = {
    "an SVG with a script": (
        "camera.jpg",
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
        b"<script>alert(2)</script></svg>",
        415,
    ),
    "an HTML page": ("camera.jpg", b"<!doctype html><script>alert(1)</script>", 415),
    "a GIF/JavaScript polyglot": ("camera.jpg", b"GIF89a/*\x00\x00*/=1;alert(1)//", 415),
    "a JPEG header followed by HTML": (
        "camera.jpg",
        b"\xff\xd8\xff\xe0\x00\x10JFIF\x00<html><script>alert(1)</script></html>",
        400,
    ),
    "a PDF": ("camera.jpg", b"%PDF-1.4\n1 0 obj<</JS(alert(1))>>endobj", 415),
    "a decompression bomb": ("bomb.png", png_claiming(30000, 30000), 413),
}


@pytest.mark.parametrize("name", sorted(HOSTILE_FILES))
def test_a_file_posing_as_a_photo_is_refused_and_leaves_nothing(db, api, name):
    filename, content, status = HOSTILE_FILES[name]
    upload = io.BytesIO(content)
    upload.name = filename

    response = post(api, photo=upload)

    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    assert not Sighting.objects.exists()
    assert stored_files() == {"private": [], "public": []}


@pytest.mark.parametrize("filename", ["../../../../tmp/evil.jpg", "/etc/passwd", "..\\..\\x.jpg"])
def test_a_file_name_never_chooses_where_the_photo_is_stored(db, api, filename, tmp_path):
    upload = io.BytesIO(jpeg())
    upload.name = filename

    response = post(api, photo=upload)

    assert response.status_code == 201
    photo = Photo.objects.get()
    assert photo.image.startswith("photos/")
    assert ".." not in photo.image
    assert stored_files()["private"] == sorted({photo.image, photo.thumbnail})
    assert not (tmp_path.parent / "evil.jpg").exists()


def test_a_malformed_multipart_body_is_a_400(db, api):
    response = api.generic(
        "POST",
        "/api/v1/sightings/",
        b'--x\r\nContent-Disposition: form-data; name="latitude"\r\n\r\n40\r\n',
        content_type="multipart/form-data; boundary=x",
    )

    assert 400 <= response.status_code < 500


def test_a_client_id_that_is_not_a_uuid_is_a_400(db, api):
    response = post(api, client_id="'; DROP TABLE x; --")

    assert response.status_code == 400
    assert "client_id" in response.json()["errors"]
