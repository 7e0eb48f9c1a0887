"""Where photo files live.

Two stores, the same names in both: the private store (settings.PRIVATE_MEDIA_ROOT, never
served by the web server; read through a permission-checked view) holds every processed photo
until a moderator publishes it; the public store (settings.MEDIA_ROOT) holds published copies
only. Files are named by the SHA-256 of their bytes, so identical photos share one file.

Files are first written under a temporary name and moved into place in one step
(`os.replace`), so a reader never sees half a file and a failed request leaves nothing behind.
"""

import logging
import os
import re
import uuid
from pathlib import Path

from django.conf import settings
from django.urls import reverse

log = logging.getLogger(__name__)

NAME = re.compile(r"^photos/[0-9a-f]{2}/[0-9a-f]{64}\.jpg$")


def photo_name(sha256: str) -> str:
    return f"photos/{sha256[:2]}/{sha256}.jpg"


def photo_url(photo, variant: str) -> str:
    """Where a browser gets a photo's image or thumbnail: the web server once published,
    the permission-checked view before."""
    name = photo.image if variant == "image" else photo.thumbnail
    if photo.is_published:
        return f"{settings.MEDIA_URL}{name}"
    return reverse("photo", kwargs={"pk": photo.pk, "variant": variant})


def store_root(*, published: bool) -> Path:
    return Path(settings.MEDIA_ROOT if published else settings.PRIVATE_MEDIA_ROOT)


def photo_path(name: str, *, published: bool) -> Path:
    if not NAME.match(name):
        raise ValueError(f"{name!r} is not a photo name")
    return store_root(published=published) / name


class StagedFiles:
    """Files written under temporary names, moved into place by `commit` or dropped by
    `discard`: what the database does not end up recording never appears in a store."""

    def __init__(self, *, published: bool):
        self.published = published
        self._pending: list[tuple[Path, Path]] = []

    def add(self, name: str, data: bytes) -> None:
        final = photo_path(name, published=self.published)
        final.parent.mkdir(parents=True, exist_ok=True, mode=0o750)
        temporary = final.with_name(f".{final.name}.{uuid.uuid4().hex}.tmp")
        self._pending.append((temporary, final))
        with open(temporary, "xb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())

    def copy(self, name: str, *, published: bool) -> None:
        """Stage a copy of a file from the other store (publishing, unpublishing)."""
        self.add(name, photo_path(name, published=published).read_bytes())

    def commit(self) -> None:
        while self._pending:
            temporary, final = self._pending[-1]
            os.replace(temporary, final)
            # Only once it is in place: a file that failed to move is still for discard().
            self._pending.pop()

    def discard(self) -> None:
        while self._pending:
            temporary, _ = self._pending.pop()
            temporary.unlink(missing_ok=True)


def remove(names: list[str], *, published: bool) -> None:
    """Delete files; the caller has checked that no photo still refers to them."""
    for name in names:
        try:
            photo_path(name, published=published).unlink(missing_ok=True)
        except OSError:
            log.exception("could not remove photo file %s", name)


def files_in(*, published: bool) -> list[str]:
    """Every file in a store, temporary ones included (for tests and clean-up)."""
    root = store_root(published=published)
    if not root.exists():
        return []
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())
