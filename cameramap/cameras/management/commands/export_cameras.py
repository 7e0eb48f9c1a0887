import os
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cameramap.cameras import exports
from cameramap.cameras.exports_osm import OsmExportResult, cameras_osm_nodes
from cameramap.lib.osm import osm_xml


class Command(BaseCommand):
    help = (
        "Write every public camera as GeoJSON or CSV (with --areas: every neighbourhood with "
        "its figures, as GeoJSON), with the data licence and the time it was made; or as OSM "
        "XML for JOSM (docs/openstreetmap.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", required=True, choices=["geojson", "csv", "osm"])
        parser.add_argument("--output", type=Path, help="file to write (default: standard output)")
        parser.add_argument(
            "--areas",
            action="store_true",
            help="write the neighbourhoods and their figures instead of the cameras",
        )
        parser.add_argument(
            "--all",
            action="store_true",
            help="osm: every public camera, not only what may be uploaded to OpenStreetMap",
        )

    def handle(self, *args, format, output, areas, all, **options):
        if areas and format != "geojson":
            raise CommandError("--areas is written as GeoJSON only (the shapes are the point)")
        if all and format != "osm":
            raise CommandError("--all is for --format osm; the other formats hold every camera")
        osm_result = OsmExportResult()
        generated_at = timezone.now()
        if areas:
            chunks = exports.areas_geojson(generated_at=generated_at)
        elif format == "geojson":
            chunks = exports.cameras_geojson(generated_at=generated_at)
        elif format == "csv":
            chunks = exports.cameras_csv(generated_at=generated_at)
        else:
            chunks = osm_xml(cameras_osm_nodes(osm_result, everything=all))
        if output is None:
            for chunk in chunks:
                self.stdout.write(chunk, ending="")
        else:
            self._write_atomically(output, chunks)
        if format == "osm":
            self.stderr.write(osm_result.summary())

    def _write_atomically(self, output: Path, chunks) -> None:
        """Write beside the target, then rename: a failure never leaves half a file."""
        directory = output.resolve().parent
        if not directory.is_dir():
            raise CommandError(f"{output}: no such directory {directory}")
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{output.name}.")
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
                for chunk in chunks:
                    file.write(chunk)
            os.chmod(temporary, 0o644)
            os.replace(temporary, output)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
