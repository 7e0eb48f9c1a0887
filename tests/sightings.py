"""Building reports the way the /submit/ page sends them."""

import uuid

from cameramap.cameras import photo_store

URL = "/api/v1/sightings/"


def report(**fields) -> dict:
    """A valid multipart report in Brooklyn; pass photo=open(...) to attach a photo."""
    return {
        "client_id": str(uuid.uuid4()),
        "latitude": "40.6935",
        "longitude": "-73.9859",
        "location_source": "device",
        "camera_type": "dome",
        **fields,
    }


def post(client, *, meta: dict | None = None, **fields):
    """Send a report; `meta` sets request headers and environ (REMOTE_ADDR, HTTP_…)."""
    return client.post(URL, report(**fields), format="multipart", **(meta or {}))


def stored_files() -> dict[str, list[str]]:
    """Everything in both photo stores, temporary files included."""
    return {
        "private": photo_store.files_in(published=False),
        "public": photo_store.files_in(published=True),
    }
