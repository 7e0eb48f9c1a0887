from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cameramap.areas.services import AreaImportError, areas_import


class Command(BaseCommand):
    help = "Load neighbourhood polygons from any file GDAL reads; re-running updates by code."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--name-field", help="attribute holding the name (guessed if absent)")
        parser.add_argument("--code-field", help="attribute holding a unique code (guessed)")
        parser.add_argument("--population-field", help="attribute holding the population")
        parser.add_argument("--layer", help="layer to read (default: the first)")

    def handle(self, *args, path, name_field, code_field, population_field, layer, **options):
        try:
            result = areas_import(
                path=path,
                name_field=name_field,
                code_field=code_field,
                population_field=population_field,
                layer=layer,
            )
        except AreaImportError as error:
            raise CommandError(str(error)) from None
        for repaired in result.repaired:
            self.stderr.write(f"repaired invalid polygon: {repaired}")
        self.stdout.write(
            f"{result.created} areas created, {result.updated} updated, "
            f"{len(result.repaired)} repaired"
        )
