from pathlib import Path

from django.core.management.base import BaseCommand

from cameramap.cameras.exports_osm import OsmExportResult, cameras_osm_nodes
from cameramap.lib.osm import osm_xml


class Command(BaseCommand):
    help = "Write the public cameras. --format osm: OSM XML for JOSM (docs/openstreetmap.md)."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["osm"], required=True)
        parser.add_argument("--output", type=Path, help="file to write (default: standard output)")

    def handle(self, *args, format, output, **options):
        if format == "osm":
            result = OsmExportResult()
            lines = osm_xml(cameras_osm_nodes(result))
            if output:
                with output.open("w", encoding="utf-8") as handle:
                    handle.writelines(lines)
            else:
                for line in lines:
                    self.stdout.write(line, ending="")
            self.stderr.write(result.summary())
