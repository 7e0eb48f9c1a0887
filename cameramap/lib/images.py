"""The photo pipeline: untrusted bytes in, a safe published JPEG and thumbnail out.

Pure functions, no database, no files. Every photo a volunteer sends goes through `process`
before anything is written anywhere: its type is read from the bytes, its size and pixel count
are bounded before decoding, it is turned upright, shrunk, stripped of every piece of metadata
by re-encoding from bare pixels, and the faces of bystanders are blurred beyond recovery.
"""

import hashlib
import io
import re
import threading
import warnings
from dataclasses import dataclass

import cv2
import numpy as np
import pillow_heif
from PIL import Image, ImageCms, ImageFilter

from cameramap.lib import exif

pillow_heif.register_heif_opener(thumbnails=False)

MAX_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 50_000_000
MAX_EDGE = 2048
# Photos are decoded at the smallest scale libjpeg (or an integer reduction) offers that keeps
# at least this long an edge: a 12 MP phone photo comes out at about 2000 px without ever
# being decoded in full. Published images are therefore 1536-2048 px on their long edge.
MIN_EDGE = 1536
THUMBNAIL_EDGE = 400
JPEG_QUALITY = 85
# Faces are looked for on a copy this size: the detector's cost grows with the pixels it scans.
# A face must span ~24 px there, i.e. about 1/21 of the photo's long edge, to be found.
FACE_DETECTION_EDGE = 512
# Of the frontal cascades OpenCV ships, "alt" found as many faces as the others on the test
# faces (98 of 100 in scikit-image's LFW subset) with the fewest false alarms on street photos.
FACE_CASCADE = "haarcascade_frontalface_alt.xml"
# Haar boxes cover brows to mouth; widen them to take in hair, ears and chin.
FACE_MARGIN = 0.25
# A blurred face keeps only this many averaged cells across: nothing of it can be recovered.
BLUR_CELLS = 4
# What a moderator's redaction paints over a region.
REDACTION_GREY = (128, 128, 128)

PILLOW_FORMATS = {"jpeg": ["JPEG", "MPO"], "png": ["PNG"], "webp": ["WEBP"], "heif": ["HEIF"]}
HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"hevm", b"hevs"}
GENERIC_HEIF_BRANDS = {b"mif1", b"msf1"}


def gettext_noop(message: str) -> str:
    """Marks a message for translation (makemessages finds it); the API translates it. This
    module is used without Django settings too (bench/), where Django's own would fail."""
    return message


TOO_MANY_BYTES = gettext_noop("The photo is larger than %(megabytes)d MB.")
NOT_A_PHOTO = gettext_noop(
    "This file is not a photo CameraMap can read (JPEG, PNG, WebP or HEIC/HEIF)."
)
TOO_MANY_PIXELS = gettext_noop("The photo has more than %(limit)d megapixels.")
DAMAGED = gettext_noop("The photo's data is damaged or incomplete (%(detail)s).")
INCOMPLETE = gettext_noop("The photo is incomplete: the file ends before the image does.")
GARBLED = gettext_noop("The photo's data is damaged: there are unexpected bytes in the image.")
COLOURS = gettext_noop("The photo's colour format is not supported (%(detail)s).")


class PhotoError(ValueError):
    """The photo cannot be accepted; `status` is the HTTP status that says why, `template`
    and `params` the message (translate the template, then fill it in)."""

    status = 400

    def __init__(self, template: str, **params):
        super().__init__(template % params if params else template)
        self.template, self.params = template, params


class UnsupportedPhoto(PhotoError):
    status = 415


class PhotoTooLarge(PhotoError):
    status = 413


class BrokenPhoto(PhotoError):
    status = 400


@dataclass(frozen=True)
class Box:
    """A rectangle in pixels: left, top, right, bottom (exclusive)."""

    left: int
    top: int
    right: int
    bottom: int


@dataclass(frozen=True)
class RenderedPhoto:
    """The published image and its thumbnail, both JPEG without any metadata."""

    image: bytes
    thumbnail: bytes
    width: int
    height: int

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.image).hexdigest()

    @property
    def thumbnail_sha256(self) -> str:
        return hashlib.sha256(self.thumbnail).hexdigest()


@dataclass(frozen=True)
class ProcessedPhoto(RenderedPhoto):
    faces: tuple[Box, ...] = ()
    # Read for the record of what the photo said; never used to place a report.
    gps: exif.GpsFix | None = None
    source_format: str = ""


def sniff(data: bytes) -> str | None:
    """The photo's type from its first bytes: jpeg, png, webp, heif, or None."""
    if data[:3] == b"\xff\xd8\xff":
        return "jpeg"
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return "png"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data[4:8] == b"ftyp" and len(data) >= 16:
        box_size = int.from_bytes(data[:4], "big")
        major = data[8:12]
        compatible = {data[i : i + 4] for i in range(16, min(box_size, 64, len(data)) - 3, 4)}
        if major in HEIF_BRANDS or (major in GENERIC_HEIF_BRANDS and compatible & HEIF_BRANDS):
            return "heif"
    return None


def process(data: bytes) -> ProcessedPhoto:
    """Check, decode, turn upright, shrink, blur faces and re-encode an uploaded photo."""
    if len(data) > MAX_BYTES:
        raise PhotoTooLarge(TOO_MANY_BYTES, megabytes=MAX_BYTES // (1024 * 1024))
    kind = sniff(data)
    if kind is None:
        raise UnsupportedPhoto(NOT_A_PHOTO)
    if kind == "jpeg":
        check_jpeg_structure(data)
    elif kind == "heif":
        check_heif_structure(data)
    image = _open(data, kind)
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise PhotoTooLarge(TOO_MANY_PIXELS, limit=MAX_PIXELS // 10**6)
    icc_profile = image.info.get("icc_profile")
    if kind == "jpeg":
        # Let libjpeg decode at 1/2, 1/4 or 1/8 scale when the result is still big enough.
        image.draft("RGB", _fit_size(image.size, MIN_EDGE))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            image.load()
    except Exception as error:
        raise BrokenPhoto(DAMAGED, detail=str(error)) from None
    # Only once the pixels are loaded: reading a PNG's EXIF loads (and could hide) them.
    metadata = exif.read_exif(image)
    # libheif has already applied the HEIF rotation and mirroring (and reset the EXIF tag).
    rotation = exif.orientation(metadata) if kind != "heif" else 1
    fix = exif.gps(metadata)
    try:
        image = _to_rgb(image)
    except Exception as error:
        raise UnsupportedPhoto(COLOURS, detail=str(error)) from None
    image = _shrink(image)
    image = _to_srgb(image, icc_profile)
    image = _upright(image, rotation)
    faces = tuple(detect_faces(image))
    rendered = render(blur(image, faces))
    return ProcessedPhoto(
        image=rendered.image,
        thumbnail=rendered.thumbnail,
        width=rendered.width,
        height=rendered.height,
        faces=faces,
        gps=fix,
        source_format=kind,
    )


def redact(data: bytes, boxes: list[Box]) -> RenderedPhoto:
    """Blur more regions of an already processed photo (a moderator's manual redaction)."""
    image = _open(data, "jpeg")
    image.load()
    return render(blur(_to_rgb(image), boxes))


def paint_over(data: bytes, boxes: list[Box]) -> RenderedPhoto:
    """Paint boxes of a processed photo solid grey: nothing of what was under them survives
    (a blur of large text or a number plate can stay readable; a flat fill cannot)."""
    image = _to_rgb(_open(data, "jpeg"))
    image.load()
    image = image.copy()
    for box in boxes:
        left, top = max(0, box.left), max(0, box.top)
        right, bottom = min(image.width, box.right), min(image.height, box.bottom)
        if right > left and bottom > top:
            image.paste(REDACTION_GREY, (left, top, right, bottom))
    return render(image)


def render(image: Image.Image) -> RenderedPhoto:
    """Encode the published JPEG and its thumbnail from the bare pixels, with no metadata."""
    image = _bare(image)
    thumbnail = _bare(_resize(image, THUMBNAIL_EDGE))
    return RenderedPhoto(
        image=_encode(image),
        thumbnail=_encode(thumbnail),
        width=image.width,
        height=image.height,
    )


def detect_faces(image: Image.Image) -> list[Box]:
    """Frontal faces in an RGB image, as boxes (widened by FACE_MARGIN) in its own pixels."""
    scale = min(1.0, FACE_DETECTION_EDGE / max(image.size))
    small = image.convert("L")
    if scale < 1:
        size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
        small = small.resize(size, Image.Resampling.BILINEAR, reducing_gap=2.0)
    found = _cascade().detectMultiScale(
        np.asarray(small), scaleFactor=1.15, minNeighbors=4, minSize=(24, 24)
    )
    boxes = []
    for x, y, w, h in found:
        margin_x, margin_y = w * FACE_MARGIN, h * FACE_MARGIN
        boxes.append(
            Box(
                left=max(0, int((x - margin_x) / scale)),
                top=max(0, int((y - margin_y) / scale)),
                right=min(image.width, int((x + w + margin_x) / scale) + 1),
                bottom=min(image.height, int((y + h + margin_y) / scale) + 1),
            )
        )
    return boxes


def blur(image: Image.Image, boxes) -> Image.Image:
    """Replace each box by a smooth blend of BLUR_CELLS x BLUR_CELLS averages."""
    if not boxes:
        return image
    image = image.copy()
    for box in boxes:
        region = image.crop((box.left, box.top, box.right, box.bottom))
        if region.width < 1 or region.height < 1:
            continue
        cells = region.resize((BLUR_CELLS, BLUR_CELLS), Image.Resampling.BOX)
        smooth = cells.resize(region.size, Image.Resampling.BILINEAR)
        radius = max(region.size) / BLUR_CELLS / 2
        image.paste(smooth.filter(ImageFilter.GaussianBlur(radius)), (box.left, box.top))
    return image


def check_jpeg_structure(data: bytes) -> None:
    """Walk the JPEG's segments; a truncated file or garbage in the image data is refused.

    libjpeg quietly "recovers" from both (grey bands, shifted rows) and Pillow does not report
    its warnings, so the structure is checked here first.
    """
    length = len(data)
    position = 2
    while True:
        if position + 2 > length:
            raise BrokenPhoto(INCOMPLETE)
        if data[position] != 0xFF:
            raise BrokenPhoto(GARBLED)
        while position + 1 < length and data[position + 1] == 0xFF:
            position += 1  # fill bytes
        if position + 1 >= length:
            raise BrokenPhoto(INCOMPLETE)
        marker = data[position + 1]
        if marker == 0xD9:  # end of image
            return
        if marker == 0x01 or 0xD0 <= marker <= 0xD7:
            position += 2
            continue
        if marker not in _SEGMENT_MARKERS:
            raise BrokenPhoto(GARBLED)
        if position + 4 > length:
            raise BrokenPhoto(INCOMPLETE)
        segment_end = position + 2 + int.from_bytes(data[position + 2 : position + 4], "big")
        if segment_end > length or segment_end < position + 4:
            raise BrokenPhoto(INCOMPLETE)
        position = segment_end
        if marker == 0xDA:  # start of scan: entropy-coded data runs to the next real marker
            found = _MARKER_IN_SCAN.search(data, position)
            if found is None:
                raise BrokenPhoto(INCOMPLETE)
            position = found.start()


def check_heif_structure(data: bytes) -> None:
    """Walk the file's top-level boxes: one that runs past the end means a truncated file,
    which libheif would otherwise decode with grey holes."""
    length, position = len(data), 0
    while position < length:
        if position + 8 > length:
            raise BrokenPhoto(INCOMPLETE)
        size = int.from_bytes(data[position : position + 4], "big")
        if size == 1:  # 64-bit size follows the type
            if position + 16 > length:
                raise BrokenPhoto(INCOMPLETE)
            size = int.from_bytes(data[position + 8 : position + 16], "big")
        elif size == 0:  # the last box, up to the end of the file
            size = length - position
        if size < 8 or position + size > length:
            raise BrokenPhoto(INCOMPLETE)
        position += size


# Markers that may begin a segment: SOFn, DHT, DAC, SOS, DQT, DNL, DRI, DHP, EXP, APPn, JPGn, COM.
_SEGMENT_MARKERS = frozenset([*range(0xC0, 0xD0), *range(0xDA, 0xE0), *range(0xE0, 0xFF)])
# In entropy-coded data 0xFF is followed by 0x00 (stuffing) or a restart marker; anything else
# ends the scan.
_MARKER_IN_SCAN = re.compile(rb"\xff[^\x00\xd0-\xd7]")
_cascades = threading.local()


def _cascade() -> cv2.CascadeClassifier:
    # One per thread: a classifier must not run two detections at once.
    classifier = getattr(_cascades, "face", None)
    if classifier is None:
        classifier = cv2.CascadeClassifier(cv2.data.haarcascades + FACE_CASCADE)
        if classifier.empty():
            raise RuntimeError(f"OpenCV's {FACE_CASCADE} is missing; is opencv 4.x installed?")
        _cascades.face = classifier
    return classifier


def _open(data: bytes, kind: str) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            if kind == "png":
                # Checks every chunk's CRC, which decoding alone does not.
                Image.open(io.BytesIO(data), formats=PILLOW_FORMATS[kind]).verify()
            return Image.open(io.BytesIO(data), formats=PILLOW_FORMATS[kind])
    except Image.DecompressionBombError:
        raise PhotoTooLarge(TOO_MANY_PIXELS, limit=MAX_PIXELS // 10**6) from None
    except Exception as error:
        raise BrokenPhoto(DAMAGED, detail=str(error)) from None


def _fit_size(size: tuple[int, int], edge: int) -> tuple[int, int]:
    width, height = size
    scale = min(1.0, edge / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


def _shrink(image: Image.Image) -> Image.Image:
    """Down to at most MAX_EDGE: first by a cheap integer reduction, then by resampling."""
    factor = max(image.size) // MIN_EDGE
    if factor >= 2:
        image = image.reduce(factor)
    return _resize(image, MAX_EDGE)


def _resize(image: Image.Image, edge: int) -> Image.Image:
    size = _fit_size(image.size, edge)
    if size == image.size:
        return image
    return image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)


def _to_rgb(image: Image.Image) -> Image.Image:
    if image.mode == "RGB":
        return image
    if image.mode in {"I;16", "I;16L", "I;16B", "I;16N", "I", "F"}:
        pixels = np.asarray(image, dtype=np.float64)
        top = 65535.0 if image.mode != "F" else max(1.0, float(pixels.max()))
        grey = np.clip(pixels * (255.0 / top), 0, 255).astype(np.uint8)
        return Image.fromarray(grey, "L").convert("RGB")
    if image.mode in {"RGBA", "LA", "PA", "La", "RGBa"} or (
        image.mode == "P" and "transparency" in image.info
    ):
        # Transparent parts become white, not black.
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(background, rgba).convert("RGB")
    return image.convert("RGB")


_SRGB = ImageCms.createProfile("sRGB")


def _to_srgb(image: Image.Image, icc_profile: bytes | None) -> Image.Image:
    """Convert from the camera's colour profile (Display P3 on iPhones), which is then dropped."""
    if not icc_profile:
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
        if "srgb" in (ImageCms.getProfileDescription(source) or "").lower():
            return image
        return ImageCms.profileToProfile(image, source, _SRGB, outputMode="RGB")
    except Exception:  # a broken profile: keep the pixels as they are
        return image


_TRANSPOSE = {
    2: [Image.Transpose.FLIP_LEFT_RIGHT],
    3: [Image.Transpose.ROTATE_180],
    4: [Image.Transpose.FLIP_TOP_BOTTOM],
    5: [Image.Transpose.TRANSPOSE],
    6: [Image.Transpose.ROTATE_270],
    7: [Image.Transpose.TRANSVERSE],
    8: [Image.Transpose.ROTATE_90],
}


def _upright(image: Image.Image, orientation: int) -> Image.Image:
    for method in _TRANSPOSE.get(orientation, []):
        image = image.transpose(method)
    return image


def _bare(image: Image.Image) -> Image.Image:
    """The same pixels with nothing attached: Pillow would otherwise carry comments over."""
    image = image if image.mode == "RGB" else image.convert("RGB")
    image.info = {}
    return image


def _encode(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=JPEG_QUALITY)
    return buffer.getvalue()
