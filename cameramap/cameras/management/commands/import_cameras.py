from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cameramap.cameras.services import cameras_import
from cameramap.lib.camera_files import CameraFileError, detect_format, read_cameras


class Command(BaseCommand):
    help = "Load verified cameras from GeoJSON points or CSV; re-running updates, not duplicates."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--count-field", help="attribute with the number of cameras per point")
        parser.add_argument("--source", help="name of this data source (default: the file's name)")
        parser.add_argument(
            "--id-field", help="attribute with a stable id (default: the feature id or position)"
        )
        parser.add_argument("--format", choices=["geojson", "csv"], help="default: by extension")

    def handle(self, *args, path, count_field, source, id_field, format, **options):
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        try:
            fmt = format or detect_format(path)
            records = read_cameras(path, fmt=fmt, count_field=count_field, id_field=id_field)
            result = cameras_import(records=records, source=source or path.name.split(".")[0])
        except CameraFileError as error:
            raise CommandError(str(error)) from None
        if result.created + result.updated == 0:
            raise CommandError(f"{path.name}: no cameras in the file (every count was 0)")
        self.stdout.write(f"{result.created} cameras created, {result.updated} updated")
