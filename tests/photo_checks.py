"""Checks on saved photo bytes themselves, independent of Pillow's view of them."""

import io
import re

import numpy as np
from PIL import Image

# SOI, APP0 (JFIF), DQT, SOF0, DHT, SOS, EOI: what a bare baseline JPEG is made of.
BARE_JPEG_MARKERS = {0xD8, 0xE0, 0xDB, 0xC0, 0xC4, 0xDA, 0xD9}
END_OF_SCAN = re.compile(rb"\xff[^\x00\xd0-\xd7]")
METADATA_SIGNATURES = [
    b"Exif\x00",
    b"http://ns.adobe.com/xap",
    b"<x:xmpmeta",
    b"Photoshop 3.0",  # IPTC lives in Photoshop's APP13 block
    b"8BIM",
    b"ICC_PROFILE",
    b"MPF\x00",
]


def jpeg_markers(data: bytes) -> list[int]:
    """The marker of every segment, in order, from SOI to EOI (entropy data skipped)."""
    assert data[:2] == b"\xff\xd8", "not a JPEG"
    markers, position = [0xD8], 2
    while True:
        assert data[position] == 0xFF, f"no marker at {position}"
        marker = data[position + 1]
        markers.append(marker)
        if marker == 0xD9:
            assert position + 2 == len(data), "bytes after the end of the image"
            return markers
        length = int.from_bytes(data[position + 2 : position + 4], "big")
        position += 2 + length
        if marker == 0xDA:
            position = END_OF_SCAN.search(data, position).start()


def assert_bare_jpeg(data: bytes) -> None:
    """No EXIF, XMP, IPTC, ICC, comment or any other metadata segment, by the bytes."""
    markers = set(jpeg_markers(data))
    assert markers <= BARE_JPEG_MARKERS, (
        f"unexpected segments {sorted(map(hex, markers - BARE_JPEG_MARKERS))}"
    )
    for signature in METADATA_SIGNATURES:
        assert signature not in data, f"{signature!r} found in the saved bytes"
    with Image.open(io.BytesIO(data)) as image:
        assert not image.getexif()
        assert not {"exif", "xmp", "icc_profile", "comment", "photoshop"} & set(image.info)


def pixels(data: bytes, size: tuple[int, int] | None = None) -> np.ndarray:
    with Image.open(io.BytesIO(data)) as image:
        image = image.convert("RGB")
        if size:
            image = image.resize(size, Image.Resampling.BILINEAR)
        return np.asarray(image, dtype=np.float32)
