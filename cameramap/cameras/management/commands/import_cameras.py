from collections import Counter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cameramap.cameras.services import cameras_import
from cameramap.lib.camera_files import (
    FORMATS,
    CameraFileError,
    default_source,
    describe_unreadable,
    detect_format,
    read_cameras,
)


class Command(BaseCommand):
    help = (
        "Load verified cameras from GeoJSON points, CSV, OSM XML, Overpass JSON or DeFlock's "
        "array; re-running updates, not duplicates."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--count-field", help="attribute with the number of cameras per point")
        parser.add_argument(
            "--source",
            help="name of this data source (default: osm for OpenStreetMap data, else the file's "
            "name)",
        )
        parser.add_argument(
            "--id-field", help="attribute with a stable id (default: the feature id or position)"
        )
        parser.add_argument(
            "--format",
            choices=FORMATS,
            help="default: by extension (.geojson, .csv, .osm), and by content for .json",
        )

    def handle(self, *args, path, count_field, source, id_field, format, **options):
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        unreadable = Counter()
        try:
            fmt = format or detect_format(path)
            records = read_cameras(
                path, fmt=fmt, count_field=count_field, id_field=id_field, unreadable=unreadable
            )
            result = cameras_import(records=records, source=source or default_source(path, fmt))
        except CameraFileError as error:
            raise CommandError(str(error)) from None
        if result.created + result.updated == 0:
            raise CommandError(f"{path.name}: no cameras in the file (every count was 0)")
        if unreadable:
            self.stderr.write(describe_unreadable(unreadable))
        self.stdout.write(f"{result.created} cameras created, {result.updated} updated")
