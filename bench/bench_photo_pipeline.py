"""How much the photo pipeline costs compared with merely opening and saving the same photo.

    .venv/bin/python bench/bench_photo_pipeline.py [--rounds 15] [--faces]

For each large phone photo it times, in alternation so both see the same machine load:
- baseline: Pillow opens the file and saves it as a JPEG (quality 85), nothing else;
- pipeline: cameramap.lib.images.process (type check, structure check, decode at reduced
  scale, upright, shrink, face detection and blurring, re-encode, thumbnail).
It prints the median of each and their ratio (target: at most 3). With --faces it also reports
the face detector's hit rate on real faces from scikit-image and its false alarms.
"""

import argparse
import io
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402

from cameramap.lib import images  # noqa: E402

DATA = Path(os.environ.get("CAMERAMAP_SHARED_DATA", ROOT.parent / "shared" / "data"))
PHOTOS = [
    ("Nokia 8.3 JPEG 4608x1976", "photos/mobile/HMD_Nokia_8.3_5G.jpg"),
    ("Jolla JPEG 3264x2448", "photos/mobile/jolla.jpg"),
    ("iPhone 13 HEIC 3024x4032", "photos/mobile/iphone_13_pro_max.HEIC"),
]


def baseline(data: bytes) -> bytes:
    output = io.BytesIO()
    Image.open(io.BytesIO(data)).convert("RGB").save(output, "JPEG", quality=85)
    return output.getvalue()


def timed(function, data: bytes) -> float:
    start = time.perf_counter()
    function(data)
    return time.perf_counter() - start


def bench_pipeline(rounds: int) -> None:
    print(f"{'photo':28} {'baseline ms':>12} {'pipeline ms':>12} {'ratio':>6}")
    for label, path in PHOTOS:
        data = (DATA / path).read_bytes()
        baseline(data), images.process(data)  # warm up: codecs, cascade
        base, pipe = [], []
        for _ in range(rounds):
            base.append(timed(baseline, data))
            pipe.append(timed(images.process, data))
        b, p = statistics.median(base), statistics.median(pipe)
        print(f"{label:28} {b * 1000:12.0f} {p * 1000:12.0f} {p / b:6.2f}")


def face_photos():
    """Real faces: scikit-image's astronaut and the 100 faces of its LFW subset (25x25 crops,
    enlarged and given surroundings so that each is a photo with a face in it)."""
    from skimage import data

    yield "astronaut", Image.fromarray(data.astronaut())
    lfw = data.lfw_subset()
    for index in range(100):
        yield f"lfw-face-{index}", lfw_photo(lfw[index])


def lfw_photo(pixels) -> Image.Image:
    import numpy as np

    face = Image.fromarray((pixels * 255).astype(np.uint8), "L").resize(
        (150, 150), Image.Resampling.BICUBIC
    )
    photo = np.pad(np.asarray(face), 150, mode="edge")
    return Image.fromarray(photo, "L").convert("RGB")


def encode(image: Image.Image) -> bytes:
    output = io.BytesIO()
    image.save(output, "PNG")
    return output.getvalue()


def bench_faces() -> None:
    from skimage import data

    found = sum(bool(images.process(encode(photo)).faces) for _, photo in face_photos())
    print(f"faces found: {found} of 101 photos with a face (astronaut + 100 LFW faces)")
    lfw = data.lfw_subset()
    alarms = sum(bool(images.process(encode(lfw_photo(lfw[i]))).faces) for i in range(100, 200))
    print(f"false alarms: {alarms} of 100 LFW non-face photos")
    corpus = [p for p in sorted((DATA / "photos").rglob("*")) if p.suffix and p.is_file()]
    flagged, accepted = [], 0
    for path in corpus:
        try:
            result = images.process(path.read_bytes())
        except images.PhotoError:
            continue
        accepted += 1
        if result.faces:
            flagged.append(path.name)
    print(f"false alarms: {len(flagged)} of {accepted} reference photos without faces {flagged}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--faces", action="store_true", help="also measure face detection")
    args = parser.parse_args()
    if not (DATA / "photos").is_dir():
        sys.exit(f"the shared photos are not at {DATA / 'photos'} (set CAMERAMAP_SHARED_DATA)")
    bench_pipeline(args.rounds)
    if args.faces:
        bench_faces()


if __name__ == "__main__":
    main()
