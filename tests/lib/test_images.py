"""The photo pipeline on real phone photos: type, limits, orientation, metadata, faces."""

import io
import struct
import zlib

import numpy as np
import pytest
from PIL import Image

from cameramap.lib import images
from tests.photo_checks import assert_bare_jpeg, pixels

ORIENTATIONS = [f"{shape}_{n}.jpg" for shape in ("landscape", "portrait") for n in range(1, 9)]


def encode(image: Image.Image, format: str = "PNG", **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format, **options)
    return buffer.getvalue()


@pytest.mark.parametrize("name", ORIENTATIONS)
def test_every_exif_orientation_comes_out_upright(photos, name):
    shape = name.split("_")[0]
    upright = images.process((photos / "orientation" / f"{shape}_1.jpg").read_bytes())

    result = images.process((photos / "orientation" / name).read_bytes())

    assert (result.width, result.height) == (upright.width, upright.height)
    # Compared at 1/10 scale: the files were saved by different programs, so JPEG noise and
    # colour profiles differ a little; a turned or mirrored image differs by 30 levels or more.
    small = (upright.width // 10, upright.height // 10)
    difference = np.abs(pixels(result.image, small) - pixels(upright.image, small)).mean()
    assert difference < 8, f"{name} differs from {shape}_1 by {difference:.1f} per channel"


@pytest.mark.parametrize("turn", [Image.Transpose.FLIP_LEFT_RIGHT, Image.Transpose.ROTATE_180])
def test_that_comparison_tells_a_turned_image_apart(photos, turn):
    upright = images.process((photos / "orientation" / "portrait_1.jpg").read_bytes())
    turned = encode(Image.open(io.BytesIO(upright.image)).transpose(turn))
    small = (upright.width // 10, upright.height // 10)

    assert np.abs(pixels(turned, small) - pixels(upright.image, small)).mean() > 25


@pytest.mark.parametrize(
    ("path", "latitude", "longitude"),
    [
        ("gps/DSCN0010.jpg", 43.467448, 11.885127),
        ("mobile/HMD_Nokia_8.3_5G.jpg", 60.146706, 24.906772),
        ("mobile/IMG_5195.HEIC", 39.051344, -94.288772),
    ],
)
def test_it_reads_the_gps_position_a_photo_was_tagged_with(photos, path, latitude, longitude):
    result = images.process((photos / path).read_bytes())

    assert result.gps.latitude == pytest.approx(latitude, abs=1e-5)
    assert result.gps.longitude == pytest.approx(longitude, abs=1e-5)


@pytest.mark.parametrize(
    "path",
    [
        "gps/DSCN0010.jpg",
        "mobile/HMD_Nokia_8.3_5G.jpg",
        "mobile/IMG_5195.HEIC",
        "mobile/Nikon_D70.jpg",
        "xmp/BlueSquare.jpg",
        "tests/33-type_error.jpg",
    ],
)
def test_the_published_image_and_thumbnail_carry_no_metadata(photos, path):
    result = images.process((photos / path).read_bytes())

    assert_bare_jpeg(result.image)
    assert_bare_jpeg(result.thumbnail)


def test_a_large_phone_photo_is_shrunk_to_at_most_2048_pixels(photos):
    result = images.process((photos / "mobile" / "HMD_Nokia_8.3_5G.jpg").read_bytes())

    assert (result.width, result.height) == (2048, 878)
    thumbnail = Image.open(io.BytesIO(result.thumbnail))
    assert max(thumbnail.size) == 400


def test_an_iphone_heic_comes_out_as_an_upright_jpeg(photos):
    result = images.process((photos / "mobile" / "iphone_13_pro_max.HEIC").read_bytes())

    assert result.source_format == "heif"
    assert result.height > result.width  # portrait, as it was taken
    assert 1536 <= max(result.width, result.height) <= 2048
    assert Image.open(io.BytesIO(result.image)).format == "JPEG"


def test_files_are_named_by_the_hash_of_their_content(photos):
    data = (photos / "gps" / "DSCN0010.jpg").read_bytes()

    first, second = images.process(data), images.process(data)

    assert first.sha256 == second.sha256
    assert len(first.sha256) == 64
    assert first.sha256 != first.thumbnail_sha256


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"GIF89a" + b"\x00" * 100, "gif"),
        (b"%PDF-1.7\n" + b"\x00" * 100, "pdf"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "svg"),
        (b"just some text, named photo.jpg", "text"),
        (b"", "empty"),
        (b"\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf" + b"\x00" * 64, "avif"),
    ],
)
def test_it_refuses_what_is_not_a_jpeg_png_webp_or_heic(data, reason):
    with pytest.raises(images.UnsupportedPhoto) as refused:
        images.process(data)
    assert refused.value.status == 415


def test_it_judges_the_type_by_the_bytes_not_by_the_name(photos):
    gif = encode(Image.new("RGB", (10, 10)), "GIF")
    assert images.sniff(gif) is None
    assert images.sniff((photos / "mobile" / "IMG_5195.HEIC").read_bytes()) == "heif"
    assert images.sniff(encode(Image.new("RGB", (10, 10)), "WEBP")) == "webp"


def test_it_accepts_png_and_webp_and_makes_transparency_white():
    transparent = Image.new("RGBA", (40, 30), (255, 0, 0, 0))

    for format in ("PNG", "WEBP"):
        result = images.process(encode(transparent, format))
        assert pixels(result.image).mean() > 245, format


def test_it_accepts_a_16_bit_greyscale_png():
    deep = Image.fromarray(np.full((20, 30), 40000, dtype=np.uint16))

    result = images.process(encode(deep))

    assert abs(pixels(result.image).mean() - 40000 / 257) < 3


def test_it_refuses_a_file_over_20_mb_before_looking_at_it():
    data = b"\xff\xd8\xff" + b"\x00" * images.MAX_BYTES

    with pytest.raises(images.PhotoTooLarge) as refused:
        images.process(data)
    assert refused.value.status == 413


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims a size, followed by image data that cannot be decoded."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body).to_bytes(4, "big")
        return len(body).to_bytes(4, "big") + kind + body + crc

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", b"not zlib data at all")
        + chunk(b"IEND", b"")
    )


def test_it_refuses_more_than_50_megapixels_before_decoding():
    # Were the pixels decoded, the broken data would be reported instead.
    with pytest.raises(images.PhotoTooLarge, match="megapixels"):
        images.process(png_header_only(8000, 7000))


def test_it_refuses_a_decompression_bomb_that_pillow_itself_would_refuse():
    with pytest.raises(images.PhotoTooLarge):
        images.process(png_header_only(20000, 20000))


def test_a_small_image_with_broken_data_is_a_broken_photo_not_a_crash():
    with pytest.raises(images.BrokenPhoto) as refused:
        images.process(png_header_only(80, 70))
    assert refused.value.status == 400


def test_it_refuses_a_truncated_jpeg(photos):
    data = (photos / "gps" / "DSCN0010.jpg").read_bytes()

    with pytest.raises(images.BrokenPhoto, match="incomplete"):
        images.process(data[: len(data) // 2])


def test_it_refuses_a_jpeg_with_garbage_in_its_image_data(photos):
    with pytest.raises(images.BrokenPhoto, match="damaged"):
        images.process((photos / "mobile" / "corrupted.jpg").read_bytes())


def test_it_refuses_a_truncated_heic(photos):
    data = (photos / "mobile" / "IMG_5195.HEIC").read_bytes()

    with pytest.raises(images.BrokenPhoto):
        images.process(data[: len(data) // 3])


def test_it_refuses_a_png_whose_checksums_do_not_match():
    data = bytearray(encode(Image.new("RGB", (50, 50), (10, 200, 30))))
    data[-20] ^= 0xFF

    with pytest.raises(images.BrokenPhoto):
        images.process(bytes(data))


# --- Faces ------------------------------------------------------------------------------------


def lfw_photo(pixels_25: np.ndarray) -> bytes:
    """One of scikit-image's LFW faces (a 25x25 crop of a real photo), enlarged and given
    surroundings so that it is a photo with a face in it rather than a bare crop."""
    face = Image.fromarray((pixels_25 * 255).astype(np.uint8), "L")
    face = face.resize((150, 150), Image.Resampling.BICUBIC)
    photo = np.pad(np.asarray(face), 150, mode="edge")
    return encode(Image.fromarray(photo, "L").convert("RGB"))


def face_photos() -> list[tuple[str, bytes]]:
    """Real faces that ship with scikit-image: the astronaut (Eileen Collins, NASA) and the
    first 40 faces of its Labeled Faces in the Wild subset."""
    from skimage import data

    faces = data.lfw_subset()
    return [("astronaut", encode(Image.fromarray(data.astronaut())))] + [
        (f"lfw-{index}", lfw_photo(faces[index])) for index in range(40)
    ]


def detail(region: np.ndarray) -> float:
    """What a region holds beyond an 8x8 grid of averages (eyes, mouth, the features one
    recognises a face by): the mean difference from that coarse summary of itself."""
    grey = Image.fromarray(region.astype(np.uint8)).convert("L")
    coarse = grey.resize((8, 8), Image.Resampling.BOX).resize(grey.size, Image.Resampling.BILINEAR)
    return float(np.abs(np.asarray(grey, np.float32) - np.asarray(coarse, np.float32)).mean())


def test_it_finds_the_faces_in_real_photos_of_people():
    found = [name for name, data in face_photos() if images.process(data).faces]

    # 41 photos with one face each; the detection rate is reported by the benchmark.
    assert len(found) >= 37, f"only {len(found)} of 41 faces found"
    assert "astronaut" in found


def test_every_face_found_is_blurred_beyond_recognition_in_the_published_image():
    checked = 0
    for name, data in face_photos():
        result = images.process(data)
        before, after = pixels(data), pixels(result.image)
        for box in result.faces:
            region = (slice(box.top, box.bottom), slice(box.left, box.right))
            # The fine detail that makes a face recognisable is gone, not merely softened...
            assert detail(after[region]) < 0.2 * detail(before[region]), name
            checked += 1
        # ...and the detector no longer finds a face there.
        assert not images.detect_faces(Image.open(io.BytesIO(result.image))), name
    assert checked >= 37


def test_no_face_is_found_in_photos_of_streets_and_things(photos):
    for path in ["gps/DSCN0010.jpg", "mobile/HMD_Nokia_8.3_5G.jpg", "tests/11-tests.jpg"]:
        assert images.process((photos / path).read_bytes()).faces == (), path


def test_redaction_blurs_a_region_a_moderator_chose(photos):
    published = images.process((photos / "gps" / "DSCN0010.jpg").read_bytes())
    box = images.Box(left=100, top=100, right=300, bottom=250)

    redacted = images.redact(published.image, [box])

    region = (slice(box.top, box.bottom), slice(box.left, box.right))
    assert detail(pixels(redacted.image)[region]) < 0.2 * detail(pixels(published.image)[region])
    assert_bare_jpeg(redacted.image)
    assert redacted.sha256 != published.sha256
